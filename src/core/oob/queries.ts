// Plan acknowledgements and posted versions, shaped (db, params): no access checks, no rules.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { oobPlanAcks, oobPlanPosts } from '../../db/schema.js';
import type { DbOrTx } from '../../db/types.js';

/** One person's acknowledgement of a plan version. */
export interface PlanAck {
  userId: string;
  version: string;
  ackedAt: Date;
}

/** Records an acknowledgement; false when the person had already acknowledged this version (the first time stands). */
export async function insertAck(db: DbOrTx, ack: PlanAck): Promise<boolean> {
  const rows = await db.insert(oobPlanAcks).values(ack).onConflictDoNothing().returning({ userId: oobPlanAcks.userId });
  return rows.length > 0;
}

/** Each person's latest acknowledgement (of any version), for those who made one. */
export async function latestAcksOf(db: DbOrTx, userIds: readonly string[]): Promise<Map<string, PlanAck>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select().from(oobPlanAcks).where(inArray(oobPlanAcks.userId, [...userIds])).orderBy(desc(oobPlanAcks.ackedAt));
  const latest = new Map<string, PlanAck>();
  for (const r of rows) if (!latest.has(r.userId)) latest.set(r.userId, r);
  return latest;
}

/** Who among userIds acknowledged this version. */
export async function ackedVersion(db: DbOrTx, version: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: oobPlanAcks.userId })
    .from(oobPlanAcks)
    .where(and(eq(oobPlanAcks.version, version), inArray(oobPlanAcks.userId, [...userIds])));
  return new Set(rows.map((r) => r.userId));
}

/** Records that a version was posted by this slot; false when it had been posted before. */
export async function insertPosted(db: DbOrTx, p: { version: string; slotAt: Date; postedAt: Date }): Promise<boolean> {
  const rows = await db.insert(oobPlanPosts).values(p).onConflictDoNothing().returning({ version: oobPlanPosts.version });
  return rows.length > 0;
}

/** When a version was first posted, if it was. */
export async function postedAt(db: DbOrTx, version: string): Promise<Date | undefined> {
  const [row] = await db.select().from(oobPlanPosts).where(eq(oobPlanPosts.version, version));
  return row?.postedAt;
}

/** Everyone who acknowledged a version, earliest first. */
export async function acksOf(db: DbOrTx, version: string): Promise<PlanAck[]> {
  return db.select().from(oobPlanAcks).where(eq(oobPlanAcks.version, version)).orderBy(oobPlanAcks.ackedAt, oobPlanAcks.userId);
}
