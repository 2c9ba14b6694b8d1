// A running playbook as Slack messages. Slack allows 50 blocks a message; an open step takes two (its text and
// its buttons), so a long playbook is split into pages, one message each. Pages are laid out for the worst case
// (every step open), so a step never moves between messages as states change and each message is updated in place.
import type { Incident } from '../../core/incidents/incident.js';
import { ownerOf } from '../../core/playbooks/owners.js';
import { progress, type Run, type RunStep } from '../../core/playbooks/run.js';
import { BUTTON } from '../ids.js';
import { drillPlainPrefix, drillPrefix } from './drill.js';
import { button, clip, context, escapeText, header, section, slackDate, who } from './text.js';
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
export function checklistMessages(incident: Incident, run: Run, now: Date): { text: string; blocks: Block[] }[] {
  const pages = layoutPages(run);
  const p = progress(run);
  const summary = `*${p.closed}/${p.total} done*${p.skipped ? ` (${p.skipped} skipped)` : ''}`;
  return pages.map((numbers, i) => {
    const steps = run.steps.filter((s) => numbers.includes(s.number));
    const pageNote = pages.length > 1 ? ` · page ${i + 1} of ${pages.length}` : '';
    const blocks: Block[] = [
      i === 0 ? header(`${drillPlainPrefix(incident)}📋 ${run.playbook.title}`) : section(`${drillPrefix(incident)}*📋 ${escapeText(run.playbook.title)}* (continued)`),
      context(`${drillPrefix(incident)}${incident.ref} · ${summary}${pageNote} · started by ${who(run.startedBy)} ${slackDate(run.startedAt)}`),
    ];
    let lastSection: string | undefined;
    for (const s of steps) {
      if (s.section !== lastSection) {
        const continued = lastSection === undefined && s.section === sectionBefore(run, s);
        blocks.push(section(`*${escapeText(s.section)}*${continued ? ' (continued)' : ''}`));
      }
      lastSection = s.section;
      blocks.push(...stepBlocks(incident, run.id, s, now));
    }
    if (i === pages.length - 1) {
      const credit = run.playbook.credit ? ` · ${escapeText(run.playbook.credit)}` : '';
      blocks.push(context(`\`/incident tasks\` lists open steps${credit}`));
    }
    return { text: `${drillPrefix(incident)}${incident.ref} · ${run.playbook.title}: ${p.closed}/${p.total} done${pageNote}`, blocks };
  });
}

function sectionBefore(run: Run, s: RunStep): string | undefined {
  return run.steps.find((x) => x.number === s.number - 1)?.section;
}

/** One step: its text and, while open, its buttons; once closed, who closed it and a Reopen button. */
export function stepBlocks(incident: Incident, runId: number, s: RunStep, now: Date): Block[] {
  const title = `${s.number}. ${escapeText(s.step.title)}`;
  const value = stepValue(runId, s);
  if (s.state !== 'open') {
    const how = s.state === 'done' ? `:white_check_mark: ~${title}~ · done` : `:fast_forward: ~${title}~ · skipped`;
    const note = s.note ? `\n>${escapeText(excerpt(s.note, 300))}` : '';
    return [{ ...section(`${how} by ${who(s.changedBy)}${s.changedAt ? ` ${slackDate(s.changedAt)}` : ''}${note}`), accessory: button('Reopen', BUTTON.reopen, value) }];
  }
  const lines = [`:white_large_square: *${title}*`];
  const meta = [ownerText(incident, s), dueText(s, now), s.step.requires === 'note' ? '_needs a note_' : s.step.requires === 'confirm' ? '_needs a confirmation_' : ''];
  if (meta.some(Boolean)) lines.push(meta.filter(Boolean).join(' · '));
  if (s.step.details) lines.push(escapeText(excerpt(s.step.details, EXCERPT_CHARS)));
  for (const b of (s.step.branches ?? []).slice(0, MAX_BRANCHES_SHOWN)) lines.push(`↳ ${escapeText(clip(b.when, 150))} → ${escapeText(clip(b.then, 150))}`);
  const buttons = [button('Done', BUTTON.done, value, 'primary'), button('Skip', BUTTON.skip, value), button('Assign', BUTTON.assign, value)];
  if (hasMoreText(s)) buttons.push(button('Details', BUTTON.details, value));
  return [section(lines.join('\n')), { type: 'actions' as const, block_id: `step-${runId}-${s.number}`, elements: buttons }];
}

/** True when the checklist line does not show everything about the step. */
export function hasMoreText(s: Pick<RunStep, 'step'>): boolean {
  const details = s.step.details ?? '';
  return details.replace(/\s+/g, ' ').trim().length > EXCERPT_CHARS || (s.step.branches?.length ?? 0) > MAX_BRANCHES_SHOWN;
}

/** The owner as shown: the person (mentioned) and the role or team they stand for. */
export function ownerText(incident: Incident, s: RunStep): string {
  const { label, userId } = ownerOf(s, incident);
  if (userId && label) return `${escapeText(label)} (${who(userId)})`;
  if (userId) return who(userId);
  return label ? escapeText(label) : '';
}

function dueText(s: RunStep, now: Date): string {
  if (!s.dueAt) return '';
  return `due ${slackDate(s.dueAt)}${s.dueAt.getTime() < now.getTime() ? ' :warning: *overdue*' : ''}`;
}

/** The first words of a text on one line, with an ellipsis when there is more. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}
