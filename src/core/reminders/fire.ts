// Sending the reminders that are due: safe to run any number of times, from every replica at once. Each due reminder
// is handled in its own transaction under its row lock (skipped when another sweep holds it): the message is enqueued
// with a key naming the reminder's instance, and the next due time is set, so each reminder goes out exactly once.
import type { Tx } from '../../db/types.js';
import { inTransaction, type CoreDeps } from '../context.js';
import { OPEN_STATUSES, type Incident } from '../incidents/incident.js';
import { findById } from '../incidents/queries.js';
import { enqueue } from '../outbox/queries.js';
import { dueReminders, lockDue, saveReminders } from './queries.js';
import { heldByQuietHours, quietUntil, type Reminder, type ReminderKind } from './reminder.js';
import { intervalsOf } from './track.js';

/** What a sweep did with one due reminder. */
export type ReminderOutcome =
  | { kind: 'reminded'; reminder: ReminderKind; ref: string; key: string; dueAt: Date }
  | { kind: 'held'; reminder: ReminderKind; ref: string; until: Date; dueAt: Date }
  | { kind: 'nowhere'; reminder: ReminderKind; ref: string; dueAt: Date };

/** The outbox key of one reminder instance: the same reminder told twice is one message. */
export function reminderKey(incidentId: number, kind: ReminderKind, instance: number): string {
  return `incident:${incidentId}:reminder:${kind}:${instance}`;
}

/** How many due reminders one sweep handles; the next sweep (a minute later) takes the rest. */
const SWEEP_LIMIT = 100;

/** Sends every reminder due now (trusted: the scheduler's and the sandbox's call). */
export async function runDueReminders(deps: CoreDeps): Promise<ReminderOutcome[]> {
  const now = deps.clock.now();
  const outcomes: ReminderOutcome[] = [];
  for (const due of await dueReminders(deps.db, now, SWEEP_LIMIT)) {
    const outcome = await inTransaction(deps, async (tx) => {
      const row = await lockDue(tx, due.incidentId, due.kind, now);
      return row ? fireOne(tx, deps, due.incidentId, row, now) : undefined;
    });
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}

/** Sends (or holds back) one locked, due reminder and sets when it is next due. */
async function fireOne(tx: Tx, deps: CoreDeps, incidentId: number, row: Reminder, now: Date): Promise<ReminderOutcome | undefined> {
  const incident = await findById(tx, incidentId);
  // Ended with its incident in the same transaction, so this is only a guard.
  if (!incident || !OPEN_STATUSES.includes(incident.status)) {
    await saveReminders(tx, incidentId, [{ ...row, state: 'ended', dueAt: null }], 'rampart', now);
    return undefined;
  }
  const dueAt = row.dueAt ?? now;
  const quietEnd = heldByQuietHours(incident.severity) ? quietUntil(now, deps.reminders?.quietHours, deps.timezone) : undefined;
  if (quietEnd) {
    await saveReminders(tx, incidentId, [{ ...row, dueAt: quietEnd }], 'rampart', now);
    return { kind: 'held', reminder: row.kind, ref: incident.ref, until: quietEnd, dueAt };
  }
  const interval = intervalsOf(deps)[incident.severity];
  // The update reminder comes back after another interval without an update; the nudge is said once.
  const next = row.kind === 'update' && interval !== null ? new Date(now.getTime() + interval) : null;
  const instance = row.fired + 1;
  await saveReminders(tx, incidentId, [{ ...row, state: 'active', fired: instance, dueAt: next }], 'rampart', now);
  const key = reminderKey(incidentId, row.kind, instance);
  const told = row.kind === 'update' ? await tellUpdateDue(tx, incident, row, key, now) : await tellNoCommander(tx, deps, incident, key, now);
  return told ? { kind: 'reminded', reminder: row.kind, ref: incident.ref, key, dueAt } : { kind: 'nowhere', reminder: row.kind, ref: incident.ref, dueAt };
}

/** The update reminder: to the commander by direct message, else in the incident channel; false when neither exists. */
async function tellUpdateDue(tx: Tx, incident: Incident, row: Reminder, key: string, now: Date): Promise<boolean> {
  const lane = incident.commanderId ?? incident.channelId;
  if (!lane) return false;
  const payload = {
    ref: incident.ref,
    drill: incident.drill,
    severity: incident.severity,
    status: incident.status,
    since: row.basisAt.toISOString(),
    ...(incident.commanderId ? { userId: incident.commanderId } : {}),
  };
  await enqueue(tx, { key, incidentId: incident.id, now, notification: { kind: 'update_reminder', channel: lane, payload } });
  return true;
}

/** The missing-commander nudge: in the incident channel, else INCIDENT_CHANNEL; false when neither exists. */
async function tellNoCommander(tx: Tx, deps: Pick<CoreDeps, 'announceChannel'>, incident: Incident, key: string, now: Date): Promise<boolean> {
  const lane = incident.channelId ?? deps.announceChannel;
  if (!lane) return false;
  // Nothing but what INCIDENT_CHANNEL may see of a private incident: reference, severity and status.
  const payload = { ref: incident.ref, drill: incident.drill, severity: incident.severity, status: incident.status };
  await enqueue(tx, { key, incidentId: incident.id, now, notification: { kind: 'commander_nudge', channel: lane, payload } });
  return true;
}
