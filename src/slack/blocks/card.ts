// The incident card: the incident channel's pinned first message, updated in place after every change. It shows the
// incident as it is (status, severity, roles, key times, playbook progress, open tasks, deadlines) and the buttons
// that change it, each through the same core use case as the slash command. Everything shown is bounded, so the card
// stays within Slack's limits however many runs and tasks the incident has.
import type { IncidentCard, Playbook } from '../../core/index.js';
import { progressWords } from '../../core/index.js';
import { BLOCK, BUTTON } from '../ids.js';
import type { Block } from './block-kit.js';
import { drillPlainPrefix, drillPrefix } from './drill.js';
import { message } from './message.js';
import { suggestionBlocks } from './playbooks.js';
import { clockCardLine } from './clocks.js';
import { tlpLine } from './incident.js';
import { button, context, header, joinMd, md, packLines, section, sevLabel, slackDate, who, type Mrkdwn } from './text.js';

/** Runs listed by name on the card (the newest; older ones are counted). */
const CARD_RUNS = 3;

/** The incident card, as posted and as every update renders it. */
export function incidentCard(card: IncidentCard, playbooks: Playbook[] = []) {
  const i = card.incident;
  const blocks: Block[] = [
    header(`${drillPlainPrefix(i)}${i.ref}: ${i.title}`),
    ...(i.drill ? [section(md`${drillPrefix(i)}This is an exercise: it runs like a real incident but is left out of metrics and digests.`)] : []),
    ...(i.description ? [section(md`${i.description}`)] : []),
    section(
      md`*Status:* ${i.status}   *Severity:* ${sevLabel(i.severity)}   *Type:* ${i.type}   *Visibility:* ${i.private ? 'private' : 'public'}\n*Commander:* ${who(i.commanderId)}   *Comms:* ${who(i.commsId)}   *Scribe:* ${who(i.scribeId)}   *Reporter:* ${who(i.reporterId)}`,
    ),
    context(keyTimes(card)),
    // Legal notification deadlines stand apart from the work, and overdue ones are loud.
    ...(clockCardLine(card.clocks) ? [section(clockCardLine(card.clocks)!)] : []),
    context(tlpLine(i)),
    ...workBlocks(card),
    { type: 'actions', block_id: BLOCK.cardActions, elements: cardButtons(card) },
    // The playbooks for the incident's type that are not running yet, each with its Start button.
    ...suggestionBlocks(i, playbooks.filter((p) => !card.runs.some((r) => r.playbookId === p.id))),
    context(md`Add to the timeline with \`/incident note <text>\` (start with \`at 14:05\` for something that happened earlier), or react with :pushpin: to a message here.`),
  ];
  return message(md`${drillPrefix(i)}${i.ref}: ${i.title} · ${sevLabel(i.severity)} · ${i.status}`, blocks);
}

/** Declared, acknowledged, contained, resolved, closed: the times reached so far. */
function keyTimes({ incident: i }: IncidentCard): Mrkdwn {
  const times: [string, Date | null][] = [
    ['Declared', i.declaredAt],
    ['acknowledged', i.acknowledgedAt],
    ['contained', i.containedAt],
    ['resolved', i.resolvedAt],
    ['closed', i.closedAt],
  ];
  return joinMd(
    times.filter((t): t is [string, Date] => t[1] !== null).map(([label, at]) => md`${label} ${slackDate(at)}`),
    ' · ',
  );
}

/** Playbook progress, open tasks, deadlines and the review, each a few lines at most. */
function workBlocks(card: IncidentCard): Block[] {
  const runs = card.runs.slice(-CARD_RUNS).map((r, n, shown) => md`${n === shown.length - 1 ? '*Playbook:*' : 'Earlier:'} ${r.title} · ${progressWords(r)}`);
  const older = card.runs.length - CARD_RUNS;
  const lines: Mrkdwn[] = [...(older > 0 ? [md`_${older} older playbook runs not shown_`] : []), ...runs];
  if (card.openTasks > 0) {
    lines.push(md`*Open tasks (${card.openTasks}):*`);
    for (const t of card.tasks) lines.push(md`• ${t.step}. ${t.title}${t.assignee ? md` · ${who(t.assignee)}` : ''}${t.dueAt ? md` · due ${slackDate(t.dueAt)}` : ''}`);
    if (card.openTasks > card.tasks.length) lines.push(md`_…and ${card.openTasks - card.tasks.length} more: \`/incident tasks ${card.incident.ref}\`_`);
  }
  const [next] = [...card.deadlines].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (next) lines.push(md`*Next deadline:* ${next.label} ${slackDate(next.at)}`);
  lines.push(card.reviewVersions > 0 ? md`*Review:* version ${card.reviewVersions} saved` : md`*Review:* not written yet`);
  // Titles are short but many: packed into at most two sections, the rest said to be left out.
  const { sections, shown } = packLines(lines, 2);
  return [...sections.map(section), ...(shown < lines.length ? [context(md`${lines.length - shown} more lines not shown.`)] : [])];
}

/** The card's buttons: each names the incident in its value. */
function cardButtons(card: IncidentCard) {
  const ref = card.incident.ref;
  return [
    button('Change status', BUTTON.cardStatus, ref, 'primary'),
    button('Change severity', BUTTON.cardSeverity, ref),
    button('Assign roles', BUTTON.cardRoles, ref),
    button('Add a note', BUTTON.cardNote, ref),
    button('Write the review', BUTTON.writeReview, ref),
  ];
}
