// A running playbook as Slack messages. Slack allows 50 blocks a message; an open step takes two (its text and
// its buttons), so a long playbook is split into pages, one message each. Pages are laid out for the worst case
// (every step open), so a step never moves between messages as states change and each message is updated in place.
import type { Incident } from '../../core/index.js';
import { ownerOf, progress, progressWords, type Run, type RunStep } from '../../core/index.js';
import { BUTTON } from '../ids.js';
import { drillPlainPrefix, drillPrefix } from './drill.js';
import { message, type SlackMessage } from './message.js';
import { button, clip, context, header, joinMd, md, quote, section, slackDate, who, type Mrkdwn } from './text.js';
import type { Block } from './block-kit.js';

/** Slack's limit of blocks in a message. */
export const MAX_MESSAGE_BLOCKS = 50;
/** Blocks each page keeps for its heading (title, progress) and footer. */
const PAGE_OVERHEAD = 3;
/** How much of a step's details the checklist shows; the rest is behind Details. */
export const EXCERPT_CHARS = 160;
const MAX_BRANCHES_SHOWN = 6;

/** The step numbers on each page. */
export function layoutPages(run: Pick<Run, 'steps'>): number[][] {
  const budget = MAX_MESSAGE_BLOCKS - PAGE_OVERHEAD;
  const pages: number[][] = [];
  let page: number[] = [];
  let used = 0;
  let lastSection: string | undefined;
  for (const s of run.steps) {
    // A section's name takes a block where it starts, and again at the top of a page it continues on.
    const heading = () => (page.length === 0 || s.section !== lastSection ? 1 : 0);
    if (used + 2 + heading() > budget) {
      pages.push(page);
      page = [];
      used = 0;
    }
    used += 2 + heading();
    page.push(s.number);
    lastSection = s.section;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** The value carried by a step's buttons: which step, and the version the message showed. */
export function stepValue(runId: number, s: Pick<RunStep, 'number' | 'version'>): string {
  return `${runId}:${s.number}:${s.version}`;
}

/** Reads a step button's value. */
export function parseStepValue(value: string): { runId: number; step: number; seenVersion: number } | undefined {
  // At most 9 digits: every part fits the integer columns it is looked up in.
  const m = /^(\d{1,9}):(\d{1,9}):(\d{1,9})$/.exec(value);
  return m ? { runId: Number(m[1]), step: Number(m[2]), seenVersion: Number(m[3]) } : undefined;
}

/** Every page of the checklist as a message. */
export function checklistMessages(incident: Incident, run: Run, now: Date): (SlackMessage & { readonly blocks: Block[] })[] {
  const pages = layoutPages(run);
  const p = progress(run);
  const summary = md`*${progressWords(p)}*`;
  return pages.map((numbers, i) => {
    const steps = run.steps.filter((s) => numbers.includes(s.number));
    const pageNote = pages.length > 1 ? ` · page ${i + 1} of ${pages.length}` : '';
    const blocks: Block[] = [
      i === 0 ? header(`${drillPlainPrefix(incident)}📋 ${run.playbook.title}`) : section(md`${drillPrefix(incident)}*📋 ${run.playbook.title}* (continued)`),
      context(md`${drillPrefix(incident)}${incident.ref} · ${summary}${pageNote} · started by ${who(run.startedBy)} ${slackDate(run.startedAt)}`),
    ];
    let lastSection: string | undefined;
    for (const s of steps) {
      if (s.section !== lastSection) {
        const continued = lastSection === undefined && s.section === sectionBefore(run, s);
        blocks.push(section(md`*${s.section}*${continued ? ' (continued)' : ''}`));
      }
      lastSection = s.section;
      blocks.push(...stepBlocks(incident, run.id, s, now));
    }
    if (i === pages.length - 1) {
      const credit = run.playbook.credit ? ` · ${run.playbook.credit}` : '';
      blocks.push(context(md`\`/incident tasks\` lists open steps${credit}`));
    }
    return message(md`${drillPrefix(incident)}${incident.ref} · ${run.playbook.title}: ${progressWords(p)}${pageNote}`, blocks);
  });
}

function sectionBefore(run: Run, s: RunStep): string | undefined {
  return run.steps.find((x) => x.number === s.number - 1)?.section;
}

/** One step: its text and, while open, its buttons; once closed, who closed it and a Reopen button. */
export function stepBlocks(incident: Incident, runId: number, s: RunStep, now: Date): Block[] {
  const title = md`${s.number}. ${s.step.title}`;
  const value = stepValue(runId, s);
  if (s.state !== 'open') {
    const how = s.state === 'done' ? md`:white_check_mark: ~${title}~ · done` : md`:fast_forward: ~${title}~ · skipped`;
    const note = s.note ? md`\n${quote(md`${excerpt(s.note, 300)}`)}` : '';
    return [{ ...section(md`${how} by ${who(s.changedBy)}${s.changedAt ? md` ${slackDate(s.changedAt)}` : ''}${note}`), accessory: button('Reopen', BUTTON.reopen, value) }];
  }
  const lines = [md`:white_large_square: *${title}*`];
  const meta = [ownerText(incident, s), dueText(s, now), s.step.requires === 'note' ? md`_needs a note_` : s.step.requires === 'confirm' ? md`_needs a confirmation_` : undefined].filter(
    (m): m is Mrkdwn => m !== undefined && m.text !== '',
  );
  if (meta.length > 0) lines.push(joinMd(meta, ' · '));
  if (s.step.details) lines.push(md`${excerpt(s.step.details, EXCERPT_CHARS)}`);
  for (const b of (s.step.branches ?? []).slice(0, MAX_BRANCHES_SHOWN)) lines.push(md`↳ ${clip(b.when, 150)} → ${clip(b.then, 150)}`);
  const buttons = [button('Done', BUTTON.done, value, 'primary'), button('Skip', BUTTON.skip, value), button('Assign', BUTTON.assign, value)];
  if (hasMoreText(s)) buttons.push(button('Details', BUTTON.details, value));
  return [section(joinMd(lines, '\n')), { type: 'actions' as const, block_id: `step-${runId}-${s.number}`, elements: buttons }];
}

/** True when the checklist line does not show everything about the step. */
export function hasMoreText(s: Pick<RunStep, 'step'>): boolean {
  const details = s.step.details ?? '';
  return details.replace(/\s+/g, ' ').trim().length > EXCERPT_CHARS || (s.step.branches?.length ?? 0) > MAX_BRANCHES_SHOWN;
}

/** The owner as shown: the person (mentioned) and the role or team they stand for. */
export function ownerText(incident: Incident, s: RunStep): Mrkdwn {
  const { label, userId } = ownerOf(s, incident);
  if (userId && label) return md`${label} (${who(userId)})`;
  if (userId) return who(userId);
  return md`${label ?? ''}`;
}

function dueText(s: RunStep, now: Date): Mrkdwn {
  if (!s.dueAt) return md``;
  return md`due ${slackDate(s.dueAt)}${s.dueAt.getTime() < now.getTime() ? ' :warning: *overdue*' : ''}`;
}

/** The first words of a text on one line, with an ellipsis when there is more. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}
