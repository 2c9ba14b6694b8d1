// The modals the incident card's buttons open: a new status (with an optional note), a new severity, a role and its
// holder, a note. Each carries the incident's reference and the channel the button was in, for replies afterwards.
import type { Incident } from '../../core/index.js';
import { incidentTlp, MAX_NOTE, nextStatuses, ROLES, SEVERITIES, tlpLabel, TLP_LEVELS, tlpRank, TLP_WORDING } from '../../core/index.js';
import { ACTION, BLOCK, CALLBACK } from '../ids.js';
import { clip } from './text.js';

/** What a card modal carries between opening and submission. */
export interface CardModalMetadata {
  ref: string;
  /** Where the button was pressed, for replies after submission. */
  channel?: string;
}

// Statuses that need words the modal cannot check (a merge names its target; a decline says why): the command does.
const NEEDS_COMMAND = new Set(['merged', 'declined']);

const plain = (text: string, max = 24) => ({ type: 'plain_text' as const, text: clip(text, max), emoji: true });
const option = (text: string, value: string) => ({ text: plain(text, 75), value });

function modal(callbackId: string, title: string, meta: CardModalMetadata, blocks: unknown[]) {
  return {
    type: 'modal' as const,
    callback_id: callbackId,
    title: plain(title),
    submit: plain('Save'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify(meta),
    // Built from plain objects; Slack's block union types are too strict to express them without a cast.
    blocks: blocks as never[],
  };
}

function noteInput(label: string, optional: boolean) {
  return {
    type: 'input',
    block_id: BLOCK.note,
    optional,
    label: plain(label, 2000),
    element: { type: 'plain_text_input', action_id: ACTION.note, multiline: true, max_length: MAX_NOTE },
  };
}

/** Reads a card modal's private_metadata; throws when it is not Rampart's. */
export function decodeCardMetadata(raw: string): CardModalMetadata {
  const m = JSON.parse(raw) as CardModalMetadata;
  if (typeof m.ref !== 'string' || !/^INC-\d{1,9}$/.test(m.ref) || (m.channel !== undefined && typeof m.channel !== 'string')) {
    throw new Error('card modal metadata is malformed');
  }
  return m;
}

/** Change status: the statuses the incident may move to now, and a note. */
export function statusModal(incident: Pick<Incident, 'ref' | 'status'>, meta: CardModalMetadata) {
  const next = nextStatuses(incident.status).filter((s) => !NEEDS_COMMAND.has(s));
  const select = { type: 'static_select', action_id: ACTION.status, options: next.map((s) => option(s, s)) };
  const blocks = [
    next.length > 0
      ? { type: 'input', block_id: BLOCK.status, label: plain(`New status of ${incident.ref} (now ${incident.status})`, 2000), element: select }
      : { type: 'section', text: { type: 'mrkdwn', text: `${incident.ref} is ${incident.status}; it cannot change from here.` } },
    noteInput('Note (why, what changed)', true),
    // As `/incident status` asks before resolving or closing with open steps or follow-ups (the form says which).
    {
      type: 'input',
      block_id: BLOCK.confirm,
      optional: true,
      label: plain('Open work', 2000),
      element: { type: 'checkboxes', action_id: ACTION.confirm, options: [{ text: plain('Resolve or close even with open steps or follow-ups', 75), value: 'yes' }] },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'To decline or merge, use `/incident status <ref> declined|merged …`: both need words of their own.' }] },
  ];
  return modal(CALLBACK.cardStatus, 'Change status', meta, blocks);
}

/** Change severity: the four severities, the current one selected. */
export function severityModal(incident: Pick<Incident, 'ref' | 'severity'>, meta: CardModalMetadata) {
  const select = { type: 'static_select', action_id: ACTION.severity, options: SEVERITIES.map((s) => option(s, s)), initial_option: option(incident.severity, incident.severity) };
  return modal(CALLBACK.cardSeverity, 'Change severity', meta, [{ type: 'input', block_id: BLOCK.severity, label: plain(`Severity of ${incident.ref}`, 2000), element: select }]);
}

/** Assign roles: which role, and who (users_select). */
export function roleModal(incident: Pick<Incident, 'ref'>, meta: CardModalMetadata) {
  const role = { type: 'static_select', action_id: ACTION.role, options: ROLES.map((r) => option(r, r)), initial_option: option('commander', 'commander') };
  return modal(CALLBACK.cardRole, 'Assign a role', meta, [
    { type: 'input', block_id: BLOCK.role, label: plain(`Role on ${incident.ref}`, 2000), element: role },
    { type: 'input', block_id: BLOCK.assignee, label: plain('Person', 2000), element: { type: 'users_select', action_id: ACTION.assignee } },
  ]);
}

/** Add a note to the timeline, marked as its incident or more strictly. */
export function noteModal(incident: Pick<Incident, 'ref' | 'private' | 'tlp'>, meta: CardModalMetadata) {
  return modal(CALLBACK.cardNote, 'Add a note', meta, [noteInput(`Note on ${incident.ref}'s timeline`, false), noteTlpSelect(incident)]);
}

/** The value of the note form's "as the incident" choice: the note then follows the incident's marking. */
const AS_INCIDENT = 'incident';

/** The markings a note may take: its incident's (the default) and the stricter ones; never a looser one. */
function noteTlpSelect(incident: Pick<Incident, 'private' | 'tlp'>) {
  const own = incidentTlp(incident);
  const asIncident = option(`${tlpLabel(own)}, as the incident`, AS_INCIDENT);
  const stricter = TLP_LEVELS.filter((m) => tlpRank(m) > tlpRank(own)).map((m) => option(`${tlpLabel(m)}: ${TLP_WORDING[m]}`, m));
  return {
    type: 'input',
    block_id: BLOCK.noteTlp,
    label: plain('TLP marking', 2000),
    hint: plain('A stricter marking keeps the note out of anything shared more widely.', 2000),
    element: { type: 'static_select', action_id: ACTION.noteTlp, initial_option: asIncident, options: [asIncident, ...stricter] },
  };
}
