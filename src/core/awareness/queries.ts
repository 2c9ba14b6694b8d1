// Awareness reads and writes, shaped (db, params): tips, the queue, posts and acknowledgements. The slot claims every
// scheduled post shares are in ../schedules/queries.ts.
import { and, asc, desc, eq, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import { awarenessAcks, awarenessPosts, awarenessQueue, awarenessSlots, incidents } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';

/** The message a channel got for an awareness slot. */
export type PostRow = typeof awarenessPosts.$inferSelect;

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

