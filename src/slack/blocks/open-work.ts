// The warning before an incident with open work is resolved or closed: counts, then Confirm / Cancel. The Confirm
// button carries the change (reference, status, and the note as core checked and redacted it), so nothing is kept server-side
// while the person decides, and the change is checked again when it is made.
import type { OpenWork, Incident } from '../../core/index.js';
import { BUTTON } from '../ids.js';
import { drillPrefix } from './drill.js';
import { message } from './message.js';
import { md, type Mrkdwn } from './mrkdwn.js';
import { button, context, section } from './text.js';

/** A status change waiting for confirmation, as carried by the Confirm button. */
export interface PendingStatus {
  ref: string;
  /** Parsed again by core when the change is made. */
  status: string;
  note: string;
  /** Whether the incident is a drill, so the answer to either button says DRILL like every message about one. */
  drill: boolean;
}

/** Slack's limit on a button's value. */
const MAX_VALUE = 2000;

/** The value of both buttons for a pending change (Cancel uses only the reference and the drill mark). */
export function pendingValue(p: PendingStatus): string {
  return JSON.stringify({ r: p.ref, s: p.status, n: p.note, d: p.drill });
}

/** The pending change in a button's value, or undefined when the value is not one of ours. */
export function parsePendingValue(value: string): PendingStatus | undefined {
  try {
    const v = JSON.parse(value) as unknown;
    if (typeof v !== 'object' || v === null) return undefined;
    const { r, s, n, d } = v as Record<string, unknown>;
    return typeof r === 'string' && typeof s === 'string' && typeof n === 'string' ? { ref: r, status: s, note: n, drill: d === true } : undefined;
  } catch {
    return undefined;
  }
}

/** "3 open playbook steps and 1 review action item". */
export function openWorkWords(work: OpenWork): string {
  const parts = [
    work.steps > 0 && `${work.steps} open playbook step${work.steps === 1 ? '' : 's'}`,
    work.actionItems > 0 && `${work.actionItems} review action item${work.actionItems === 1 ? '' : 's'}`,
  ].filter((p): p is string => Boolean(p));
  return parts.join(' and ');
}

/** The ephemeral warning with Confirm / Cancel; without Confirm when the note is too long for the button to carry. */
export function openWorkPrompt(incident: Incident, pending: PendingStatus, work: OpenWork, extra?: Mrkdwn) {
  const verb = pending.status === 'closed' ? 'Close' : 'Resolve';
  const lead = md`:warning: ${drillPrefix(incident)}*${incident.ref}* still has ${openWorkWords(work)}. ${verb} it anyway?`;
  const value = pendingValue(pending);
  const where = work.steps > 0 ? md` \`/incident tasks ${incident.ref}\` lists the open steps.` : md``;
  if (value.length > MAX_VALUE) {
    const text = md`${lead}\nThe note is too long to wait for a confirmation: run the command again with a shorter note, and add the rest with \`/incident note\`. Nothing was changed.`;
    return message(text, [section(text)]);
  }
  return message(lead, [
    section(lead),
    context(md`Nothing changes until you confirm.${where}${extra ? md`\n${extra}` : md``}`),
    {
      type: 'actions' as const,
      elements: [button(`${verb} ${incident.ref}`, BUTTON.confirmStatus, value, 'primary'), button('Cancel', BUTTON.cancelStatus, value)],
    },
  ]);
}
