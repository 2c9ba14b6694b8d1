// Sending the clocks' reminders and overdue notices that are due: safe to run any number of times, from every replica
// at once. Each due reminder row is handled in its own transaction under its row lock (skipped when another sweep
// holds it): the messages are enqueued with keys naming the row, and the row is marked sent, in the same transaction,
// so each reminder goes out once; one not yet sent when every replica stopped is sent by the first sweep after.
// Quiet hours do not apply: legal deadlines do not sleep.
import type { Tx } from '../../db/types.js';
import { inTransaction, type CoreDeps } from '../context.js';
import type { Incident } from '../incidents/incident.js';
import { findById } from '../incidents/queries.js';
import { noticeCardRefresh } from '../outbox/card-refresh.js';
import { enqueue } from '../outbox/queries.js';
import { appendEvent } from '../timeline/queries.js';
import type { ClockDeadline, NotificationClock } from './notification-clock.js';
import { clockById, deadlinesOf, dueClockReminders, lockDueReminder, settleReminder, type ReminderKey } from './queries.js';

/** What a sweep did with one due reminder row. */
export type ClockReminderOutcome =
  | { kind: 'reminded'; ref: string; regime: string; deadline: string; slot: string; keys: string[] }
  | { kind: 'dropped'; ref: string; regime: string; deadline: string; slot: string; why: 'notified' | 'stopped' | 'passed' }
  | { kind: 'nowhere'; ref: string; regime: string; deadline: string; slot: string };

/** The outbox key of one reminder to one recipient: the same reminder told twice is one message. */
export function clockReminderKey(key: ReminderKey, recipient: string): string {
  return `clock:${key.clockId}:${key.deadline}:${key.slot}:${recipient}`;
}

/** How many due reminders one sweep handles; the next sweep (a minute later) takes the rest. */
const SWEEP_LIMIT = 100;

/** Sends every clock reminder and overdue notice due now (trusted: the scheduler's and the sandbox's call). */
export async function runDueClockReminders(deps: CoreDeps): Promise<ClockReminderOutcome[]> {
  const now = deps.clock.now();
  const outcomes: ClockReminderOutcome[] = [];
  for (const due of await dueClockReminders(deps.db, now, SWEEP_LIMIT)) {
    const outcome = await inTransaction(deps, async (tx) => ((await lockDueReminder(tx, due, now)) ? fireOne(tx, deps, due, now) : undefined));
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}

async function fireOne(tx: Tx, deps: CoreDeps, key: ReminderKey, now: Date): Promise<ClockReminderOutcome> {
  const clock = (await clockById(tx, key.clockId))!;
  const deadline = (await deadlinesOf(tx, [clock.id])).find((d) => d.deadline === key.deadline)!;
  const incident = (await findById(tx, clock.incidentId))!;
  const about = { ref: incident.ref, regime: clock.regime, deadline: key.deadline, slot: key.slot };
  // "Notified" and a stop drop their reminders in their own transaction, so these are only guards.
  const why = deadline.notifiedAt ? 'notified' : clock.state === 'stopped' ? 'stopped' : key.slot !== 'overdue' && deadline.dueAt <= now ? 'passed' : undefined;
  if (why) {
    await settleReminder(tx, key, 'dropped', now);
    return { kind: 'dropped', ...about, why };
  }
  const overdue = key.slot === 'overdue';
  if (overdue) {
    // The miss is part of the incident's record, whoever hears of it.
    const payload = { clockId: clock.id, regime: clock.regime, regimeName: clock.regimeName, deadline: deadline.deadline, label: deadline.label, dueAt: deadline.dueAt.toISOString() };
    const event = await appendEvent(tx, incident.id, { kind: 'clock_deadline_missed', actor: 'rampart', source: 'system', occurredAt: deadline.dueAt, payload }, now);
    await noticeCardRefresh(tx, { incident, event, now });
  }
  const keys = await tell(tx, deps, incident, clock, deadline, key, overdue, now);
  await settleReminder(tx, key, 'sent', now);
  return keys.length > 0 ? { kind: 'reminded', ...about, keys } : { kind: 'nowhere', ...about };
}

/**
 * To the commander by direct message; without one, to each responder RESPONDERS names by user id; else in the
 * incident channel. Returns the outbox keys (none when there is nobody to tell).
 */
async function tell(tx: Tx, deps: CoreDeps, incident: Incident, clock: NotificationClock, d: ClockDeadline, key: ReminderKey, overdue: boolean, now: Date): Promise<string[]> {
  const people = incident.commanderId ? [incident.commanderId] : [...(deps.clocks?.responders ?? [])];
  const lanes = people.length > 0 ? people.map((userId) => ({ lane: userId, userId })) : incident.channelId ? [{ lane: incident.channelId, userId: undefined }] : [];
  const keys: string[] = [];
  for (const { lane, userId } of lanes) {
    const payload = {
      ref: incident.ref,
      drill: incident.drill,
      ...(userId ? { userId } : {}),
      regime: clock.regime,
      regimeName: clock.regimeName,
      deadline: d.deadline,
      label: d.label,
      dueAt: d.dueAt.toISOString(),
      overdue,
    };
    const k = clockReminderKey(key, lane);
    await enqueue(tx, { key: k, incidentId: incident.id, now, notification: { kind: 'clock_reminder', channel: lane, payload } });
    keys.push(k);
  }
  return keys;
}
