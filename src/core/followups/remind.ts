// Reminding owners of follow-ups that fall due: once per slot of FOLLOWUP_REMINDER_CRON (daily by default), one direct
// message per owner listing what is due or overdue. The slot claim (src/core/schedules) says which replica sends, and
// each message's outbox key names the owner and the day, so a takeover, a second replica or a restart that sends
// again enqueues nothing new: an owner hears once a day.
import { DateTime } from 'luxon';
import { inTransaction, type CoreDeps } from '../context.js';
import { claimSlot } from '../schedules/claim.js';
import { finishClaim } from '../schedules/queries.js';
import { runDueSlots, type RecordedSlot } from '../schedules/run-due.js';
import { enqueue } from '../outbox/queries.js';
import type { FollowupSettings } from './deps.js';
import { listFollowups } from './queries.js';

/** What happened to a reminder slot on this replica. */
export type ReminderOutcome = { kind: 'posted'; slotAt: Date; owners: number } | { kind: 'held-elsewhere'; slotAt: Date };

/** The outbox key of an owner's reminder for a day: one message per owner per day, whoever sends it. */
export function reminderKey(owner: string, day: string): string {
  return `followups-due:${owner}:${day}`;
}

/** Enqueues each owner's reminder of what is due on the slot's day (in TIMEZONE) or before; returns how many owners. */
export async function remindOwners(deps: CoreDeps, slotAt: Date): Promise<number> {
  const day = DateTime.fromJSDate(slotAt, { zone: deps.timezone }).toISODate()!;
  const due = await listFollowups(deps.db, { states: ['open'], dueBy: day });
  const byOwner = new Map<string, typeof due>();
  for (const row of due) {
    const owner = row.followup.owner;
    if (owner) byOwner.set(owner, [...(byOwner.get(owner) ?? []), row]);
  }
  if (byOwner.size === 0) return 0;
  await inTransaction(deps, async (tx) => {
    for (const [owner, rows] of byOwner) {
      const items = rows.map(({ followup: f, ref }) => ({ id: f.id, ref, text: f.text, due: f.due! }));
      // The owner's own lane, as other direct messages: a slow one holds up no channel.
      await enqueue(tx, { key: reminderKey(owner, day), now: slotAt, notification: { kind: 'followups_due', channel: owner, payload: { userId: owner, day, items } } });
    }
  });
  return byOwner.size;
}

/** Sends the reminders of the slot due now, if any; safe on every replica at once and after a restart. */
export async function runDueReminders(deps: CoreDeps, settings: FollowupSettings): Promise<(ReminderOutcome | RecordedSlot)[]> {
  const { schedule } = settings;
  if (!schedule) return [];
  const slotDeps = { db: deps.db, clock: deps.clock, replicaId: settings.replicaId, leaseMs: settings.leaseMs };
  return runDueSlots({ ...slotDeps, schedule }, async (slotAt): Promise<ReminderOutcome> => {
    const claim = await claimSlot(slotDeps, schedule.name, slotAt);
    if (!claim) return { kind: 'held-elsewhere', slotAt };
    const owners = await remindOwners(deps, slotAt);
    await finishClaim(deps.db, schedule.name, slotAt, settings.replicaId, 'posted', deps.clock.now());
    return { kind: 'posted', slotAt, owners };
  });
}
