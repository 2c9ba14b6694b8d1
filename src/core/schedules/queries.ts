// The slots of scheduled posts (awareness tips, the weekly digest), shaped (db, params). A slot row is the claim:
// inserting it decides which replica posts; the lease lets another replica take over when that one dies.
import { and, asc, desc, eq, inArray, lt, lte, max, sql } from 'drizzle-orm';
import { awarenessSettings, awarenessSlots } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';

/** A slot as stored. */
export type SlotRow = typeof awarenessSlots.$inferSelect;

/** The newest slot recorded for a schedule at or before a time, in any state (skips of future slots are ignored). */
export async function lastSlotAt(db: DbOrTx, schedule: string, notAfter: Date): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: max(awarenessSlots.slotAt) })
    .from(awarenessSlots)
    .where(and(eq(awarenessSlots.schedule, schedule), lte(awarenessSlots.slotAt, notAfter)));
  return row?.at ?? undefined;
}

/** Records a slot in a final state unless it is already recorded. */
export async function recordSlot(db: DbOrTx, row: Pick<SlotRow, 'schedule' | 'slotAt' | 'state' | 'reason' | 'updatedAt'> & { changedBy?: string }): Promise<boolean> {
  const inserted = await db.insert(awarenessSlots).values(row).onConflictDoNothing().returning({ at: awarenessSlots.slotAt });
  return inserted.length > 0;
}

/** Inserts the claim for a slot; undefined when the slot already has a row (claimed elsewhere, or finished). */
export async function insertClaim(
  tx: Tx,
  row: Pick<SlotRow, 'schedule' | 'slotAt' | 'claimedBy' | 'leaseUntil' | 'updatedAt'> & Partial<Pick<SlotRow, 'tipId' | 'reason'>> & { changedBy?: string },
): Promise<SlotRow | undefined> {
  const [inserted] = await tx
    .insert(awarenessSlots)
    .values({ ...row, state: 'claimed', attempts: 1 })
    .onConflictDoNothing()
    .returning();
  return inserted;
}

/** Takes over a claim whose lease ran out (its replica died or hung); undefined when it is not up for grabs. */
export async function takeOverClaim(db: DbOrTx, schedule: string, slotAt: Date, replica: string, now: Date, leaseUntil: Date): Promise<SlotRow | undefined> {
  const [row] = await db
    .update(awarenessSlots)
    .set({ claimedBy: replica, leaseUntil, attempts: sql`${awarenessSlots.attempts} + 1`, updatedAt: now })
    .where(and(eq(awarenessSlots.schedule, schedule), eq(awarenessSlots.slotAt, slotAt), eq(awarenessSlots.state, 'claimed'), lt(awarenessSlots.leaseUntil, now)))
    .returning();
  return row;
}

/** Extends this replica's lease; false when the claim is no longer ours. */
export async function renewLease(db: DbOrTx, schedule: string, slotAt: Date, replica: string, leaseUntil: Date): Promise<boolean> {
  const rows = await db
    .update(awarenessSlots)
    .set({ leaseUntil })
    .where(and(eq(awarenessSlots.schedule, schedule), eq(awarenessSlots.slotAt, slotAt), eq(awarenessSlots.state, 'claimed'), eq(awarenessSlots.claimedBy, replica)))
    .returning({ at: awarenessSlots.slotAt });
  return rows.length > 0;
}

/** Moves this replica's claim to a final state. */
export async function finishClaim(db: DbOrTx, schedule: string, slotAt: Date, replica: string, state: 'posted' | 'missed', now: Date, reason?: string): Promise<void> {
  await db
    .update(awarenessSlots)
    .set({ state, updatedAt: now, leaseUntil: null, ...(reason ? { reason } : {}) })
    .where(and(eq(awarenessSlots.schedule, schedule), eq(awarenessSlots.slotAt, slotAt), eq(awarenessSlots.claimedBy, replica), eq(awarenessSlots.state, 'claimed')));
}

/** Claims whose lease has run out. */
export async function expiredClaims(db: DbOrTx, schedule: string, now: Date): Promise<SlotRow[]> {
  return db
    .select()
    .from(awarenessSlots)
    .where(and(eq(awarenessSlots.schedule, schedule), eq(awarenessSlots.state, 'claimed'), lt(awarenessSlots.leaseUntil, now)))
    .orderBy(asc(awarenessSlots.slotAt));
}

/** Whether a schedule is paused. */
export async function isPaused(db: DbOrTx, schedule: string): Promise<boolean> {
  const [row] = await db.select({ paused: awarenessSettings.paused }).from(awarenessSettings).where(eq(awarenessSettings.schedule, schedule));
  return row?.paused ?? false;
}

/** Pauses or resumes a schedule. */
export async function setPaused(db: DbOrTx, schedule: string, paused: boolean, by: string, at: Date): Promise<void> {
  await db
    .insert(awarenessSettings)
    .values({ schedule, paused, changedBy: by, changedAt: at })
    .onConflictDoUpdate({ target: awarenessSettings.schedule, set: { paused, changedBy: by, changedAt: at } });
}

/** The most recent slots of these schedules, newest first. */
export async function recentSlots(db: DbOrTx, schedules: string[], limit: number): Promise<SlotRow[]> {
  return db.select().from(awarenessSlots).where(inArray(awarenessSlots.schedule, schedules)).orderBy(desc(awarenessSlots.slotAt)).limit(limit);
}
