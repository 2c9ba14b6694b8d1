// Modals for checklist steps: the full text (Details), a reason to skip, a person to assign, and the note or
// confirmation a step asks for before it counts as done. Each carries which step and version it was opened for.
import type { Incident, Run, RunStep } from '../../core/index.js';
import { MAX_NOTE } from '../../core/index.js';
import { ACTION, BLOCK, CALLBACK } from '../ids.js';
import { ownerText } from './checklist.js';
import { chunkMd, clip, context, joinMd, md, mention, section, type Mrkdwn } from './text.js';

/** What a step modal carries between opening and submission. */
export interface StepModalMetadata {
  runId: number;
  step: number;
  seenVersion: number;
  /** Where the button was pressed, for replies after submission. */
  channel?: string;
}

/**
 * Modals allow 100 blocks; the details are split into sections of at most this many characters of escaped mrkdwn
 * (Slack's limit is 3,000, and `&` becomes five characters once escaped, so the text is escaped before it is cut).
 */
export const CHUNK = 3000;
const MAX_MODAL_BLOCKS = 100;

const plain = (text: string, max = 24) => ({ type: 'plain_text' as const, text: clip(text, max), emoji: true });

function modal(callbackId: string, title: string, meta: StepModalMetadata, blocks: unknown[], submit?: string) {
  return {
    type: 'modal' as const,
    callback_id: callbackId,
    title: plain(title),
    ...(submit ? { submit: plain(submit) } : {}),
    close: plain(submit ? 'Cancel' : 'Close'),
    private_metadata: JSON.stringify(meta),
    // Built from our own helpers; Slack's block union types are too strict to express them without a cast.
    blocks: blocks as never[],
  };
}

/** Reads a step modal's private_metadata. */
export function decodeStepMetadata(raw: string): StepModalMetadata {
  const m = JSON.parse(raw) as StepModalMetadata;
  // Ids go to integer columns: a number past int4 would be a database error rather than "no such step".
  const isId = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 2_147_483_647;
  if (!isId(m.runId) || !isId(m.step) || typeof m.seenVersion !== 'number' || (m.channel !== undefined && typeof m.channel !== 'string')) {
    throw new Error('step modal metadata is malformed');
  }
  return m;
}

/** Splits long mrkdwn at paragraph or line breaks into pieces Slack sections accept, never inside an entity. */
export function chunks(text: Mrkdwn, size = CHUNK): Mrkdwn[] {
  return chunkMd(text, size);
}

/** The step's whole text: title, owner, state, details, branches. */
export function detailsModal(incident: Incident, run: Run, s: RunStep, meta: StepModalMetadata) {
  const state = s.state === 'open' ? md`open` : md`${s.state}${s.changedBy ? md` by ${mention(s.changedBy)}` : ''}${s.note ? `: ${s.note}` : ''}`;
  const owner = ownerText(incident, s);
  const head = [
    section(md`*${s.number}. ${s.step.title}*`),
    context(md`${run.playbook.title} · ${s.section} · ${state}${owner.text ? md` · owner: ${owner}` : ''}`),
  ];
  const body = chunks(md`${s.step.details ?? ''}`).map(section);
  const branches = (s.step.branches ?? []).map((b) => md`↳ ${b.when} → ${b.then}`);
  const tail = branches.length > 0 ? chunks(joinMd(branches, '\n')).map(section) : [];
  const blocks = [...head, ...body, ...tail];
  // 40,000 characters of details fit in 14 sections, far below the limit; the guard keeps it so.
  const fitted = blocks.length <= MAX_MODAL_BLOCKS ? blocks : [...blocks.slice(0, MAX_MODAL_BLOCKS - 1), context(md`The rest is in the playbook file.`)];
  return modal(CALLBACK.stepDetails, `Step ${s.number}`, meta, fitted);
}

/** An input block; inputs are required unless `optional`. */
function input(blockId: string, label: string, element: Record<string, unknown>, optional = false) {
  return { type: 'input', block_id: blockId, label: plain(label, 2000), ...(optional ? { optional: true } : {}), element };
}

/** A multi-line text field within the limit of a timeline note. */
const noteField = (actionId: string) => ({ type: 'plain_text_input', action_id: actionId, multiline: true, max_length: MAX_NOTE });

/** The step's number and title, at the top of each step modal. */
const stepHeading = (s: RunStep) => section(md`*${s.number}. ${s.step.title}*`);

/** Asks why a step is skipped. */
export function skipModal(s: RunStep, meta: StepModalMetadata) {
  return modal(CALLBACK.stepSkip, `Skip step ${s.number}`, meta, [stepHeading(s), input(BLOCK.reason, 'Why is it skipped?', noteField(ACTION.reason))], 'Skip');
}

/** Picks the person a step is assigned to. */
export function assignModal(s: RunStep, meta: StepModalMetadata) {
  const select = { type: 'users_select', action_id: ACTION.assignee, ...(s.assignee ? { initial_user: s.assignee } : {}) };
  return modal(CALLBACK.stepAssign, `Assign step ${s.number}`, meta, [stepHeading(s), input(BLOCK.assignee, 'Who does it?', select)], 'Assign');
}

/** The note or confirmation a step needs before it counts as done. */
export function doneModal(s: RunStep, meta: StepModalMetadata) {
  const confirm = s.step.requires === 'confirm';
  const prompt = s.step.prompt ?? (confirm ? 'Confirm this step is done' : 'What was done?');
  const fields = confirm
    ? [
        input(BLOCK.confirm, prompt, { type: 'checkboxes', action_id: ACTION.confirm, options: [{ text: plain('Yes, confirmed', 75), value: 'yes' }] }),
        input(BLOCK.note, 'Note for the timeline (optional)', noteField(ACTION.note), true),
      ]
    : [input(BLOCK.note, prompt, noteField(ACTION.note))];
  return modal(CALLBACK.stepDone, `Step ${s.number} done`, meta, [stepHeading(s), ...fields], 'Done');
}
