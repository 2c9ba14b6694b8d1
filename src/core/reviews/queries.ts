// Review reads and the one insert, shaped (db, params). Rows are never updated (a trigger refuses it): a save is
// the next version, so versions run 1..n without gaps and the latest version number is also the count.
import { asc, desc, eq } from 'drizzle-orm';
import { incidentReviews } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { Review } from './review.js';

/** The latest version of an incident's review (null when none was written) and how many versions there are. */
export async function latestReview(db: DbOrTx, incidentId: number): Promise<{ review: Review | null; versions: number }> {
  const [row] = await db
    .select()
    .from(incidentReviews)
    .where(eq(incidentReviews.incidentId, incidentId))
    .orderBy(desc(incidentReviews.version))
    .limit(1);
  return row ? { review: toReview(row), versions: row.version } : { review: null, versions: 0 };
}

/** Every version of an incident's review, oldest first. */
export async function reviewVersions(db: DbOrTx, incidentId: number): Promise<Review[]> {
  const rows = await db.select().from(incidentReviews).where(eq(incidentReviews.incidentId, incidentId)).orderBy(asc(incidentReviews.version));
  return rows.map(toReview);
}

/** Stores one version. The caller holds the incident's row lock, which makes its version number race-free. */
export async function insertReview(tx: Tx, review: Review): Promise<Review> {
  const [row] = await tx.insert(incidentReviews).values(review).returning();
  if (!row) throw new Error('review insert returned no row');
  return toReview(row);
}

function toReview(row: typeof incidentReviews.$inferSelect): Review {
  return {
    incidentId: row.incidentId,
    version: row.version,
    summary: row.summary,
    impact: row.impact,
    rootCause: row.rootCause,
    wentWell: row.wentWell,
    wentWrong: row.wentWrong,
    lessons: row.lessons,
    actionItems: row.actionItems,
    savedBy: row.savedBy,
    savedAt: row.savedAt,
  };
}
