// The App Home tab, built from core's Home (src/core/home): what a person does from it (declare, report something
// suspicious), their incidents, roles and open steps, the open incidents they may see and, for admins, the awareness
// programme. Slack shows at most 100 blocks in a Home tab, so the sections are laid out in pages of at most that,
// with Previous and Next buttons; a section running over a page break starts the next page with its heading again.
import type { Home, HomeIncident } from '../../core/index.js';
import type { Block, HomeTab } from './block-kit.js';
import { BUTTON, CALLBACK } from '../ids.js';
import { button, channelMention, context, header, joinMd, md, section, sevLabel, slackDate, type Mrkdwn } from './text.js';
import { drillPrefix } from './drill.js';

/** Slack's limit on blocks in a Home tab view. */
export const HOME_MAX_BLOCKS = 100;

/** A heading and the lines under it; each line is one block. */
interface Part {
  heading: Mrkdwn;
  blocks: Block[];
  /** Shown when there is nothing to list. */
  empty?: Mrkdwn;
}

/** The Home tab for one person, on the page their Home says (clamped to the pages there are). */
export function homeView(home: Home): HomeTab {
  const top: Block[] = [
    header('Rampart: security incidents'),
    {
      type: 'actions',
      elements: [button('Declare incident', BUTTON.homeDeclare, 'declare', 'primary'), button('Report something suspicious', BUTTON.awarenessReport, 'home')],
    },
  ];
  const pages = layoutHomePages(homeParts(home), HOME_MAX_BLOCKS - top.length - 2);
  const page = Math.min(Math.max(1, home.page), pages.length);
  const nav: Block[] =
    pages.length > 1
      ? [
          context(md`Page ${page} of ${pages.length}`),
          {
            type: 'actions',
            elements: [
              ...(page > 1 ? [button('Previous', BUTTON.homePrevious, String(page - 1))] : []),
              ...(page < pages.length ? [button('Next', BUTTON.homeNext, String(page + 1))] : []),
            ],
          },
        ]
      : [];
  return { type: 'home', callback_id: CALLBACK.home, blocks: [...top, ...pages[page - 1]!, ...nav] };
}

/**
 * Splits the parts into pages of at most `budget` blocks: a heading, then its lines; a part cut by a page break goes on
 * with its heading again ("continued"). Always at least one page.
 */
export function layoutHomePages(parts: readonly Part[], budget: number): Block[][] {
  const pages: Block[][] = [[]];
  const room = () => budget - pages[pages.length - 1]!.length;
  const newPage = () => pages.push([]);
  for (const part of parts) {
    const lines = part.blocks.length > 0 ? part.blocks : [section(part.empty ?? md`_None._`)];
    // A heading alone at the foot of a page says nothing: start the part on the next page instead.
    if (room() < 2) newPage();
    pages[pages.length - 1]!.push(section(md`*${part.heading}*`));
    for (const line of lines) {
      if (room() < 1) {
        newPage();
        pages[pages.length - 1]!.push(section(md`*${part.heading}* (continued)`));
      }
      pages[pages.length - 1]!.push(line);
    }
  }
  return pages;
}

function homeParts(home: Home): Part[] {
  const parts: Part[] = [
    {
      heading: md`Your open incidents (${home.mine.length})`,
      blocks: home.mine.map((i) => section(md`${incidentLine(i)}\n${yourPart(i)}`)),
      empty: md`_None. Incidents you report or hold a role in are listed here._`,
    },
    {
      heading: md`Your open playbook steps (${home.steps.length})`,
      blocks: home.steps.map((s) => section(md`• *${s.ref}* · ${s.playbook} · step ${s.number}: ${s.title}${s.dueAt ? md` · due ${slackDate(s.dueAt)}` : md``}`)),
      empty: md`_None. Steps assigned to you, or to a role you hold, are listed here._`,
    },
  ];
  if (home.extra.followUps) {
    parts.push({
      heading: md`Your follow-ups (${home.extra.followUps.length})`,
      blocks: home.extra.followUps.map((f) => section(md`• *${f.ref}* · ${f.text}${f.dueAt ? md` · due ${slackDate(f.dueAt)}` : md``}`)),
    });
  }
  if (home.extra.deadlines) {
    parts.push({
      heading: md`Deadlines (${home.extra.deadlines.length})`,
      blocks: home.extra.deadlines.map((d) => section(md`• *${d.ref}* · ${d.what} · ${slackDate(d.at)}`)),
    });
  }
  if (home.awareness) parts.push({ heading: md`Awareness programme`, blocks: [section(awarenessText(home.awareness))] });
  parts.push({
    heading: md`Open incidents you can see (${home.open.length})`,
    blocks: [
      ...home.open.map((i) => section(incidentLine(i))),
      ...(home.incomplete ? [context(md`:warning: Slack did not say which incident channels you are in, so some private incidents may be missing. Open this tab again in a minute.`)] : []),
    ],
    empty: md`_No open incidents._ :white_check_mark:`,
  });
  return parts;
}

function incidentLine(i: HomeIncident): Mrkdwn {
  const channel = i.channelId ? md` · ${channelMention(i.channelId)}` : md``;
  return md`${drillPrefix(i)}*${i.ref}* · ${sevLabel(i.severity)} · ${i.status} · ${i.title}${i.private ? md` · _private_` : md``}${channel}`;
}

function yourPart(i: HomeIncident): Mrkdwn {
  const parts = [...i.roles, ...(i.reporter ? ['reporter'] : [])];
  return md`_You: ${joinMd(parts, ', ')}_`;
}

function awarenessText(a: NonNullable<Home['awareness']>): Mrkdwn {
  if (!a.setUp) return md`_Not set up here (AWARENESS_CHANNELS is empty)._`;
  const next = a.paused ? md`Paused; the next slot would be ${slackDate(a.nextPost)}` : md`Next tip: ${slackDate(a.nextPost)}`;
  const { acks, audience, rate } = a.lastWeek;
  const last =
    rate !== null
      ? md`Last week: ${acks} of ${audience} acknowledged (${Math.round(rate * 100)}%)`
      : acks > 0
        ? md`Last week: ${acks} acknowledged (audience unknown)`
        : md`Last week: no acknowledgements`;
  return md`${next}\n${last}`;
}
