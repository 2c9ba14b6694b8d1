// The incident_reminders table, shaped (db, params).
import { and, asc, eq, inArray, isNotNull, lte, max, sql } from 'drizzle-orm';
import { incidentReminders, timelineEvents } from '../../db/schema.js';
import type { DbOrTx } from '../../db/types.js';
import type { Reminder, ReminderKind } from './reminder.js';

const columns = {
  kind: incidentReminders.kind,
  state: incidentReminders.state,
  dueAt: incidentReminders.dueAt,
  basisAt: incidentReminders.basisAt,
  fired: incidentReminders.fired,
};

/** An incident's reminders. */
export async function remindersOf(db: DbOrTx, incidentId: number): Promise<Reminder[]> {
  return db.select(columns).from(incidentReminders).where(eq(incidentReminders.incidentId, incidentId));
}

/** Writes reminders of an incident (inserted or replaced), all in one statement. */
export async function saveReminders(db: DbOrTx, incidentId: number, rows: readonly Reminder[], by: string, now: Date): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(incidentReminders)
    .values(rows.map((r) => ({ incidentId, kind: r.kind, state: r.state, dueAt: r.dueAt, basisAt: r.basisAt, fired: r.fired, changedBy: by, updatedAt: now })))
    .onConflictDoUpdate({
      target: [incidentReminders.incidentId, incidentReminders.kind],
      // Each row's own values (planReminders gives one row per kind, so no row meets itself here).
      set: {
        state: sql`excluded.state`,
        dueAt: sql`excluded.due_at`,
        basisAt: sql`excluded.basis_at`,
        fired: sql`excluded.fired`,
        changedBy: sql`excluded.changed_by`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** Reminders due at `now` (active or snoozed), oldest first; at the same time, the older incident first (a stable order). */
export async function dueReminders(db: DbOrTx, now: Date, limit: number): Promise<{ incidentId: number; kind: ReminderKind }[]> {
  return db
    .select({ incidentId: incidentReminders.incidentId, kind: incidentReminders.kind })
    .from(incidentReminders)
    .where(and(isNotNull(incidentReminders.dueAt), lte(incidentReminders.dueAt, now), inArray(incidentReminders.state, ['active', 'snoozed'])))
    .orderBy(asc(incidentReminders.dueAt), asc(incidentReminders.incidentId), asc(incidentReminders.kind))
    .limit(limit);
}

/**
 * Locks a reminder that is still due, skipping it when another transaction (another replica's sweep, a change to
 * the incident) holds it: that one decides, and this sweep moves on rather than wait.
 */
export async function lockDue(db: DbOrTx, incidentId: number, kind: ReminderKind, now: Date): Promise<Reminder | undefined> {
  const [row] = await db
    .select(columns)
    .from(incidentReminders)
    .where(
      and(
        eq(incidentReminders.incidentId, incidentId),
        eq(incidentReminders.kind, kind),
        lte(incidentReminders.dueAt, now),
        inArray(incidentReminders.state, ['active', 'snoozed']),
      ),
    )
    .for('update', { skipLocked: true });
  return row;
}

/** The next update reminder of each incident given, where one is due. */
export async function updateDeadlines(db: DbOrTx, incidentIds: readonly number[]): Promise<Map<number, { dueAt: Date; snoozed: boolean }>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await db
    .select({ incidentId: incidentReminders.incidentId, dueAt: incidentReminders.dueAt, state: incidentReminders.state })
    .from(incidentReminders)
    .where(and(inArray(incidentReminders.incidentId, [...incidentIds]), eq(incidentReminders.kind, 'update'), isNotNull(incidentReminders.dueAt), sql`${incidentReminders.state} in ('active','snoozed')`));
  return new Map(rows.map((r) => [r.incidentId, { dueAt: r.dueAt!, snoozed: r.state === 'snoozed' }]));
}

/** When each of these incidents' timelines last recorded anything. */
export async function lastActivity(db: DbOrTx, incidentIds: readonly number[]): Promise<Map<number, Date>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await db
    .select({ incidentId: timelineEvents.incidentId, at: max(timelineEvents.recordedAt) })
    .from(timelineEvents)
    .where(inArray(timelineEvents.incidentId, [...incidentIds]))
    .groupBy(timelineEvents.incidentId);
  return new Map(rows.filter((r) => r.at !== null).map((r) => [r.incidentId, new Date(r.at!)]));
}
