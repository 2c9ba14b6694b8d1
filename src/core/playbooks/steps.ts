// Changing a checklist step: done, skipped (with a reason), assigned (the assignee then takes part in the incident,
// see ../incidents/participants.ts), reopened. Each change locks the incident row
// and then the step, so two people pressing Done at once record one completion; the second is told who was first.
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { requireVisible } from '../incidents/access.js';
import type { Incident } from '../incidents/incident.js';
import { findById } from '../incidents/queries.js';
import { checkText, MAX_NOTE } from '../incidents/text-rules.js';
import { redactFor, type SafeText } from '../redaction/apply.js';
import { appendEvent } from '../timeline/queries.js';
import type { NewEvent } from '../timeline/events.js';
import type { Tx } from '../../db/types.js';
import { noticeGiven, noticeKey } from '../outbox/incident-notices.js';
import { enqueue } from '../outbox/queries.js';
import { noticeCardRefresh } from '../outbox/card-refresh.js';
import { findRun, lockStep, runIncidentId, updateStep } from './queries.js';
import { progress, stepLabel, type Run, type RunStep, type StepStatus } from './run.js';

/** What to do to a step. */
export type StepAction =
  | { kind: 'done'; note?: string; confirmed?: boolean }
  | { kind: 'skip'; reason: string }
  | { kind: 'assign'; userId: string }
  | { kind: 'reopen' };

/** An action whose texts passed the redaction step: the only kind that is stored. */
type CheckedAction =
  | { kind: 'done'; note?: SafeText; confirmed?: boolean }
  | { kind: 'skip'; reason: SafeText }
  | Extract<StepAction, { kind: 'assign' | 'reopen' }>;

/** Which step, and the version the person saw (from the button they pressed), if any. */
export interface StepTarget {
  runId: number;
  step: number;
  seenVersion?: number;
}

/** The outcome: whether anything changed, whether the person acted on an out-of-date view, and what to tell them. */
export interface StepResult {
  incident: Incident;
  run: Run;
  step: RunStep;
  changed: boolean;
  stale: boolean;
  message: string;
  /** Kinds of secret redacted from the note or reason, so the person can be told to rotate them. */
  redacted?: string[];
}

/** The run and incident a step belongs to, checking that the actor may work on it. */
export async function stepContext(deps: CoreDeps, actor: Actor, target: StepTarget): Promise<{ incident: Incident; run: Run; step: RunStep }> {
  const incidentId = await runIncidentId(deps.db, target.runId);
  const incident = incidentId === undefined ? undefined : await findById(deps.db, incidentId);
  if (!incident) throw new AppError('unknown_step', 'That checklist no longer exists.');
  await requireVisible(deps, actor, incident, 'playbook.step');
  const run = (await findRun(deps.db, target.runId))!;
  const step = run.steps.find((s) => s.number === target.step);
  if (!step) throw new AppError('unknown_step', `The “${run.playbook.title}” checklist has no step ${target.step}.`);
  return { incident, run, step };
}

/** Applies an action to a step. Acting on a step whose state has moved on changes nothing and says why. */
export async function changeStep(deps: CoreDeps, actor: Actor, target: StepTarget, action: StepAction): Promise<StepResult> {
  const { action: checked, found } = checkAction(deps, action);
  const redacted = found.length > 0 ? { redacted: found } : {};
  const { step: seen } = await stepContext(deps, actor, target);
  if (checked.kind === 'done' && !checked.note && seen.step.requires === 'note') {
    throw new AppError('note_required', `Step ${seen.number} needs a note: ${seen.step.prompt ?? 'say what was done'}.`);
  }
  if (checked.kind === 'done' && !checked.confirmed && seen.step.requires === 'confirm') {
    throw new AppError('note_required', `Step ${seen.number} needs a confirmation: ${seen.step.prompt ?? 'confirm it is done'}.`);
  }
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = (await findById(tx, (await runIncidentId(tx, target.runId))!, { forUpdate: true }))!;
    const current = (await lockStep(tx, target.runId, target.step))!;
    const stale = target.seenVersion !== undefined && target.seenVersion !== current.version;
    const refusal = whyNot(current, checked);
    if (refusal) {
      const run = (await findRun(tx, target.runId))!;
      return { incident, run, step: stepOf(run, target.step), changed: false, stale, message: refusal };
    }
    const before = (await findRun(tx, target.runId))!;
    const def = stepOf(before, target.step);
    await updateStep(tx, target.runId, target.step, { ...newState(current, checked, actor.id, now), version: current.version + 1 });
    const ref = { runId: before.id, playbookId: before.playbook.id, step: def.number, title: def.step.title };
    const event = await appendEvent(tx, incident.id, eventFor(checked, current, ref, actor), now);
    // A step's assignee takes part in the incident: invited to its channel and told, with the assignment.
    if (checked.kind === 'assign') {
      await noticeGiven(tx, { incident, event, by: actor.id, userId: checked.userId, given: { kind: 'step', step: def.number, title: def.step.title }, now });
    }
    const run = (await findRun(tx, target.runId))!;
    await recordCompletion(tx, incident, before, run, actor, now);
    // The card shows the run's progress and the open tasks; keyed by the step's event (a completion adds no second one).
    await noticeCardRefresh(tx, { incident, event, now });
    return { incident, run, step: stepOf(run, target.step), changed: true, stale, message: doneMessage(checked, def), ...redacted };
  });
}

/** The action with its texts checked and their secrets redacted (the `[redacted: kind]` marker stays in the text). */
function checkAction(deps: Pick<CoreDeps, 'redactPatterns'>, action: StepAction): { action: CheckedAction; found: string[] } {
  const found: string[] = [];
  const clean = (text: string, what: string, required = false) => {
    const r = redactFor(deps, checkText(text, what, MAX_NOTE, required));
    found.push(...r.found);
    return r.text;
  };
  switch (action.kind) {
    case 'done': {
      const note = action.note !== undefined ? { note: clean(action.note, 'note') } : {};
      return { action: { kind: 'done', ...(action.confirmed !== undefined ? { confirmed: action.confirmed } : {}), ...note }, found };
    }
    case 'skip':
      return { action: { kind: 'skip', reason: clean(action.reason, 'reason for skipping', true) }, found };
    case 'assign':
      if (!/^[UW][A-Z0-9]{2,}$/.test(action.userId)) throw new AppError('invalid_input', 'Pick the person to assign the step to.');
      return { action, found };
    case 'reopen':
      return { action, found };
  }
}

/** Why the action does not apply to the step as it stands now, or null when it does. */
export function whyNot(current: StepStatus, action: StepAction | CheckedAction): string | null {
  const by = current.changedBy ? ` by <@${current.changedBy}>` : '';
  const n = `Step ${current.number}`;
  if (action.kind === 'reopen') return current.state === 'open' ? `${n} is already open.` : null;
  if (current.state === 'done') return `${n} was already done${by}; nothing changed.`;
  if (current.state === 'skipped') return `${n} was skipped${by}${current.note ? ` (${current.note})` : ''}; reopen it first.`;
  if (action.kind === 'assign' && current.assignee === action.userId) return `${n} is already assigned to <@${action.userId}>.`;
  return null;
}

function newState(current: StepStatus, action: CheckedAction, actorId: string, now: Date) {
  switch (action.kind) {
    case 'done':
      return { state: 'done' as const, changedBy: actorId, changedAt: now, note: action.note || null };
    case 'skip':
      return { state: 'skipped' as const, changedBy: actorId, changedAt: now, note: action.reason };
    case 'assign':
      return { assignee: action.userId };
    case 'reopen':
      return { state: 'open' as const, changedBy: actorId, changedAt: now, note: null, assignee: current.assignee };
  }
}

type StepRefPayload = { runId: number; playbookId: string; step: number; title: string };

function eventFor(action: CheckedAction, current: StepStatus, ref: StepRefPayload, actor: Actor): NewEvent {
  const by = { actor: actor.id, source: actor.source };
  switch (action.kind) {
    case 'done':
      return { ...by, kind: 'step_completed', payload: { ...ref, ...(action.note ? { note: action.note } : {}), ...(action.confirmed ? { confirmed: true } : {}) } };
    case 'skip':
      return { ...by, kind: 'step_skipped', payload: { ...ref, reason: action.reason } };
    case 'assign':
      return { ...by, kind: 'step_assigned', payload: { ...ref, from: current.assignee, to: action.userId } };
    case 'reopen':
      return { ...by, kind: 'step_reopened', payload: { ...ref, from: current.state === 'skipped' ? 'skipped' : 'done' } };
  }
}

function doneMessage(action: CheckedAction, s: RunStep): string {
  const label = `*${stepLabel(s)}*`;
  switch (action.kind) {
    case 'done':
      return `${label} is done.`;
    case 'skip':
      return `${label} is skipped: ${action.reason}`;
    case 'assign':
      return `${label} is assigned to <@${action.userId}>.`;
    case 'reopen':
      return `${label} is open again.`;
  }
}

/**
 * When this change closed the last open step, the run's completion goes on the timeline too, and the incident channel
 * hears it in one line (step changes themselves only update the checklist and the card in place).
 */
async function recordCompletion(tx: Tx, incident: Incident, before: Run, after: Run, actor: Actor, now: Date): Promise<void> {
  const was = progress(before);
  const is = progress(after);
  if (is.closed !== is.total || was.closed === was.total) return;
  const payload = { runId: after.id, playbookId: after.playbook.id, title: after.playbook.title, done: is.done, skipped: is.skipped };
  const event = await appendEvent(tx, incident.id, { kind: 'playbook_completed', actor: actor.id, source: actor.source, payload }, now);
  if (!incident.channelId) return;
  await enqueue(tx, {
    key: noticeKey(incident.id, event, 'completed', now),
    incidentId: incident.id,
    now,
    notification: {
      kind: 'playbook_completed',
      channel: incident.channelId,
      payload: { ref: incident.ref, drill: incident.drill, by: actor.id, title: after.playbook.title, done: is.done, skipped: is.skipped },
    },
  });
}

function stepOf(run: Run, number: number): RunStep {
  return run.steps.find((s) => s.number === number)!;
}
