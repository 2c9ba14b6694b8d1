// The reminder and the report to the commander of unanswered questions: safe to run any number of times, from every
// replica at once. Each due question is handled in its own transaction under its incident's row lock and its own
// (skipped when another sweep or an answer holds it): the message is enqueued under a key naming the question, and
// the due time is cleared, so each goes out once across replicas and restarts.
import type { Tx } from '../../db/types.js';
import { inTransaction, type CoreDeps } from '../context.js';
import { OPEN_STATUSES, type Incident } from '../incidents/incident.js';
import { findById } from '../incidents/queries.js';
import { enqueue } from '../outbox/queries.js';
import { appendEvent } from '../timeline/queries.js';
import type { Ask } from './ask.js';
import { askKey } from './create.js';
import { askById, clearDue, dueAsks, lockDueAsk } from './queries.js';

/** What a sweep did with one due question. */
export type AskSweepOutcome =
  | { kind: 'ask reminded'; ref: string; askId: number }
  | { kind: 'ask escalated'; ref: string; askId: number; to: string | null }
  | { kind: 'ask dropped'; ref: string; askId: number };

/** How many due questions one sweep handles; the next sweep (a minute later) takes the rest. */
const SWEEP_LIMIT = 100;

/** Sends every reminder and report due now (trusted: the scheduler's and the sandbox's call). */
export async function runDueAsks(deps: CoreDeps): Promise<AskSweepOutcome[]> {
  const now = deps.clock.now();
  const outcomes: AskSweepOutcome[] = [];
  for (const id of await dueAsks(deps.db, now, SWEEP_LIMIT)) {
    const done = await inTransaction(deps, async (tx) => {
      const known = await askById(tx, id);
      // The incident first, as an answer locks them: two locks taken in one order never deadlock.
      const incident = known ? await findById(tx, known.incidentId, { forUpdate: true }) : undefined;
      const ask = incident ? await lockDueAsk(tx, id, now) : undefined;
      return incident && ask ? fireDue(tx, deps, incident, ask, now) : [];
    });
    outcomes.push(...done);
  }
  return outcomes;
}

async function fireDue(tx: Tx, deps: CoreDeps, incident: Incident, ask: Ask, now: Date): Promise<AskSweepOutcome[]> {
  // A question of an incident that is over is not chased: its answer no longer steers the response.
  if (!OPEN_STATUSES.includes(incident.status)) {
    await clearDue(tx, ask.id, 'remind');
    await clearDue(tx, ask.id, 'escalate');
    return [{ kind: 'ask dropped', ref: incident.ref, askId: ask.id }];
  }
  const outcomes: AskSweepOutcome[] = [];
  const notice = { askId: ask.id, ref: incident.ref, drill: incident.drill, userId: ask.userId, by: ask.askedBy, question: ask.question };
  const ref = { askId: ask.id, userId: ask.userId, question: ask.question };
  if (ask.remindAt && ask.remindAt <= now) {
    await clearDue(tx, ask.id, 'remind', now);
    await appendEvent(tx, incident.id, { kind: 'ask_reminded', actor: 'rampart', source: 'system', payload: ref }, now);
    await enqueue(tx, { key: askKey(ask.id, 'reminder'), incidentId: incident.id, now, notification: { kind: 'ask_reminder', channel: ask.userId, payload: notice } });
    outcomes.push({ kind: 'ask reminded', ref: incident.ref, askId: ask.id });
  }
  if (ask.escalateAt && ask.escalateAt <= now) {
    // Recorded as sent even with nowhere to send it: the event says so, and it is not tried again.
    await clearDue(tx, ask.id, 'escalate', now);
    // The commander by direct message, else the incident channel: both may see the incident, question included.
    const lane = incident.commanderId ?? incident.channelId;
    await appendEvent(tx, incident.id, { kind: 'ask_escalated', actor: 'rampart', source: 'system', payload: { ...ref, to: lane } }, now);
    if (lane) {
      const payload = { ...notice, askedAt: ask.askedAt.toISOString(), ...(incident.commanderId ? { commanderId: incident.commanderId } : {}) };
      await enqueue(tx, { key: askKey(ask.id, 'escalated'), incidentId: incident.id, now, notification: { kind: 'ask_escalated', channel: lane, payload } });
    }
    outcomes.push({ kind: 'ask escalated', ref: incident.ref, askId: ask.id, to: lane });
  }
  return outcomes;
}
