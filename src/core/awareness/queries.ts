// Awareness reads and writes, shaped (db, params). The slot row is the claim: its insert decides which replica posts.
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, max, ne, sql } from 'drizzle-orm';
import { awarenessAcks, awarenessPosts, awarenessQueue, awarenessSettings, awarenessSlots, incidents } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';

export type SlotRow = typeof awarenessSlots.$inferSelect;
export type PostRow = typeof awarenessPosts.$inferSelect;

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
  row: Pick<SlotRow, 'schedule' | 'slotAt' | 'tipId' | 'reason' | 'claimedBy' | 'leaseUntil' | 'updatedAt'> & { changedBy?: string },
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

/** Tip ids that went out (or are going out), oldest first, across schedules: what rotation avoids repeating. */
export async function tipHistory(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ tipId: awarenessSlots.tipId })
    .from(awarenessSlots)
    .where(and(inArray(awarenessSlots.state, ['claimed', 'posted']), sql`${awarenessSlots.tipId} is not null`))
    .orderBy(asc(awarenessSlots.slotAt));
  return rows.map((r) => r.tipId!);
}

/** Queued tips not yet used, oldest first. */
export async function pendingQueue(db: DbOrTx): Promise<(typeof awarenessQueue.$inferSelect)[]> {
  return db.select().from(awarenessQueue).where(isNull(awarenessQueue.usedFor)).orderBy(asc(awarenessQueue.id));
}

/** Marks the oldest pending queue entry for a tip as used by a slot. */
export async function consumeQueued(tx: Tx, tipId: string, slot: string): Promise<void> {
  const [first] = await tx
    .select({ id: awarenessQueue.id })
    .from(awarenessQueue)
    .where(and(eq(awarenessQueue.tipId, tipId), isNull(awarenessQueue.usedFor)))
    .orderBy(asc(awarenessQueue.id))
    .limit(1);
  if (first) await tx.update(awarenessQueue).set({ usedFor: slot }).where(eq(awarenessQueue.id, first.id));
}

/** Adds a tip to the queue. */
export async function enqueue(db: DbOrTx, tipId: string, by: string, at: Date): Promise<void> {
  await db.insert(awarenessQueue).values({ tipId, queuedBy: by, queuedAt: at });
}

/** Incident types declared since a time, leaving out drills and false positives. */
export async function recentIncidentTypes(db: DbOrTx, since: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ type: incidents.type })
    .from(incidents)
    .where(and(gte(incidents.declaredAt, since), eq(incidents.drill, false), ne(incidents.status, 'declined')));
  return rows.map((r) => r.type);
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

/** The posts of a slot, by channel. */
export async function postsOf(db: DbOrTx, schedule: string, slotAt: Date): Promise<PostRow[]> {
  return db.select().from(awarenessPosts).where(and(eq(awarenessPosts.schedule, schedule), eq(awarenessPosts.slotAt, slotAt)));
}

/** Records the message a channel got for a slot (once). */
export async function recordPost(db: DbOrTx, row: PostRow): Promise<void> {
  await db.insert(awarenessPosts).values(row).onConflictDoNothing();
}

/** The post a Slack message is, if it is one. */
export async function postByMessage(db: DbOrTx, channelId: string, ts: string): Promise<PostRow | undefined> {
  const [row] = await db.select().from(awarenessPosts).where(and(eq(awarenessPosts.channelId, channelId), eq(awarenessPosts.ts, ts)));
  return row;
}

/** Records an acknowledgement; false when this person had already acknowledged this message. */
export async function addAck(db: DbOrTx, channelId: string, ts: string, userId: string, at: Date): Promise<boolean> {
  const rows = await db.insert(awarenessAcks).values({ channelId, ts, userId, ackedAt: at }).onConflictDoNothing().returning({ u: awarenessAcks.userId });
  return rows.length > 0;
}

/** How many people acknowledged a message. */
export async function ackCount(db: DbOrTx, channelId: string, ts: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(awarenessAcks)
    .where(and(eq(awarenessAcks.channelId, channelId), eq(awarenessAcks.ts, ts)));
  return Number(row?.n ?? 0);
}

/** Posts since a time with their acknowledgement counts, newest first. */
export async function postsWithAcks(db: DbOrTx, since: Date): Promise<(PostRow & { acks: number })[]> {
  const rows = await db
    // Table-qualified on purpose: drizzle renders bare column names here, which the subquery would bind to itself.
    .select({ post: awarenessPosts, acks: sql<number>`(select count(*)::int from awareness_acks a where a.channel_id = awareness_posts.channel_id and a.ts = awareness_posts.ts)` })
    .from(awarenessPosts)
    .where(gte(awarenessPosts.slotAt, since))
    .orderBy(desc(awarenessPosts.slotAt), asc(awarenessPosts.channelId));
  return rows.map((r) => ({ ...r.post, acks: Number(r.acks) }));
}

/** The most recent slots of these schedules, newest first. */
export async function recentSlots(db: DbOrTx, schedules: string[], limit: number): Promise<SlotRow[]> {
  return db.select().from(awarenessSlots).where(inArray(awarenessSlots.schedule, schedules)).orderBy(desc(awarenessSlots.slotAt)).limit(limit);
}
