// Notification clock reads and writes, shaped (db, params): no access checks, no rules.
import { and, asc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import { clockDeadlines, clockReminders, incidents, notificationClocks } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { SafeText } from '../../shared/safe-text.js';
import type { ClockDeadline, NotificationClock } from './notification-clock.js';

/** Stores a new running clock with its deadlines and their reminders. */
export async function insertClock(
  tx: Tx,
  p: {
    clock: Pick<NotificationClock, 'incidentId' | 'regime' | 'regimeName' | 'awareAt' | 'backdateReason' | 'why' | 'startedBy' | 'startedAt'>;
    deadlines: Pick<ClockDeadline, 'deadline' | 'label' | 'dueAt'>[];
    reminders: { deadline: string; slot: string; dueAt: Date }[];
  },
): Promise<{ clock: NotificationClock; deadlines: ClockDeadline[] }> {
  const [clock] = await tx.insert(notificationClocks).values(p.clock).returning();
  if (!clock) throw new Error('clock insert returned no row');
  const deadlines = await tx
    .insert(clockDeadlines)
    .values(p.deadlines.map((d) => ({ ...d, clockId: clock.id })))
    .returning();
  if (p.reminders.length > 0) await tx.insert(clockReminders).values(p.reminders.map((r) => ({ ...r, clockId: clock.id })));
  return { clock: clock as NotificationClock, deadlines: deadlines as ClockDeadline[] };
}

/** An incident's running clock of a regime, if any. */
export async function runningClock(db: DbOrTx, incidentId: number, regime: string): Promise<NotificationClock | undefined> {
  const [row] = await db
    .select()
    .from(notificationClocks)
    .where(and(eq(notificationClocks.incidentId, incidentId), eq(notificationClocks.regime, regime), eq(notificationClocks.state, 'running')));
  return row as NotificationClock | undefined;
}

/** One clock by id. */
export async function clockById(db: DbOrTx, id: number): Promise<NotificationClock | undefined> {
  const [row] = await db.select().from(notificationClocks).where(eq(notificationClocks.id, id));
  return row as NotificationClock | undefined;
}

/** Clocks, filtered by incident and state, oldest first. */
export async function listClocks(db: DbOrTx, p: { incidentIds?: readonly number[]; running?: boolean } = {}): Promise<NotificationClock[]> {
  const where: SQL[] = [];
  if (p.incidentIds) where.push(inArray(notificationClocks.incidentId, [...p.incidentIds, -1]));
  if (p.running) where.push(eq(notificationClocks.state, 'running'));
  return (await db.select().from(notificationClocks).where(and(...where)).orderBy(asc(notificationClocks.id))) as NotificationClock[];
}

/** The deadlines of these clocks, by due time. */
export async function deadlinesOf(db: DbOrTx, clockIds: readonly number[]): Promise<ClockDeadline[]> {
  if (clockIds.length === 0) return [];
  return (await db
    .select()
    .from(clockDeadlines)
    .where(inArray(clockDeadlines.clockId, [...clockIds]))
    .orderBy(asc(clockDeadlines.dueAt), asc(clockDeadlines.deadline))) as ClockDeadline[];
}

/** Records a deadline's notice. */
export async function setNotified(
  tx: Tx,
  p: { clockId: number; deadline: string; notifiedAt: Date; notifiedTo: SafeText; reference: SafeText | null; notifiedBy: string },
): Promise<void> {
  const { clockId, deadline, ...set } = p;
  await tx
    .update(clockDeadlines)
    .set(set)
    .where(and(eq(clockDeadlines.clockId, clockId), eq(clockDeadlines.deadline, deadline)));
}

/** Marks a clock stopped. */
export async function setStopped(tx: Tx, p: { id: number; stoppedBy: string; stoppedAt: Date; stopReason: SafeText | null }): Promise<void> {
  const { id, ...set } = p;
  await tx
    .update(notificationClocks)
    .set({ ...set, state: 'stopped' })
    .where(eq(notificationClocks.id, id));
}

/** Drops a clock's pending reminders (one deadline's, or all): what was met or stopped needs no reminding. */
export async function dropPending(tx: Tx, p: { clockId: number; deadline?: string; now: Date }): Promise<void> {
  const where = [eq(clockReminders.clockId, p.clockId), eq(clockReminders.state, 'pending')];
  if (p.deadline) where.push(eq(clockReminders.deadline, p.deadline));
  await tx
    .update(clockReminders)
    .set({ state: 'dropped', settledAt: p.now })
    .where(and(...where));
}

/** A clock reminder row's identity. */
export interface ReminderKey {
  clockId: number;
  deadline: string;
  slot: string;
}

/** Pending reminders due by now, oldest first (read without locks; each is locked on its own before it is sent). */
export async function dueClockReminders(db: DbOrTx, now: Date, limit: number): Promise<ReminderKey[]> {
  return db
    .select({ clockId: clockReminders.clockId, deadline: clockReminders.deadline, slot: clockReminders.slot })
    .from(clockReminders)
    .where(and(eq(clockReminders.state, 'pending'), lte(clockReminders.dueAt, now)))
    .orderBy(asc(clockReminders.dueAt), asc(clockReminders.clockId))
    .limit(limit);
}

/**
 * Locks a reminder that is still pending and due, skipping it when another transaction (another replica's sweep, a
 * "notified" or a stop) holds it: that one decides, and this sweep moves on rather than wait.
 */
export async function lockDueReminder(tx: Tx, key: ReminderKey, now: Date): Promise<{ dueAt: Date } | undefined> {
  const [row] = await tx
    .select({ dueAt: clockReminders.dueAt })
    .from(clockReminders)
    .where(
      and(
        eq(clockReminders.clockId, key.clockId),
        eq(clockReminders.deadline, key.deadline),
        eq(clockReminders.slot, key.slot),
        eq(clockReminders.state, 'pending'),
        lte(clockReminders.dueAt, now),
      ),
    )
    .for('update', { skipLocked: true });
  return row;
}

/** Settles one reminder: sent, or dropped when nothing was left to remind of. */
export async function settleReminder(tx: Tx, key: ReminderKey, state: 'sent' | 'dropped', now: Date): Promise<void> {
  await tx
    .update(clockReminders)
    .set({ state, settledAt: now })
    .where(and(eq(clockReminders.clockId, key.clockId), eq(clockReminders.deadline, key.deadline), eq(clockReminders.slot, key.slot)));
}

/** Deadlines due in a period (met and missed are counted from them), with their clock's state and incident's drill flag. */
export async function deadlinesDueBetween(db: DbOrTx, from: Date | null, to: Date): Promise<(ClockDeadline & { state: NotificationClock['state']; drill: boolean })[]> {
  const rows = await db
    .select({ d: clockDeadlines, state: notificationClocks.state, drill: incidents.drill })
    .from(clockDeadlines)
    .innerJoin(notificationClocks, eq(notificationClocks.id, clockDeadlines.clockId))
    .innerJoin(incidents, eq(incidents.id, notificationClocks.incidentId))
    .where(and(lte(clockDeadlines.dueAt, to), ...(from ? [gte(clockDeadlines.dueAt, from)] : [])));
  return rows.map((r) => ({ ...(r.d as ClockDeadline), state: r.state, drill: r.drill }));
}
