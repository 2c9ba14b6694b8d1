// The home_viewers table, shaped (db, params): who has opened App Home, and on which page.
import { inArray, sql } from 'drizzle-orm';
import { homeViewers } from '../../db/schema.js';
import type { DbOrTx } from '../../db/types.js';

/** Records that the user opened App Home; a page, when given, becomes the one their Home tab shows. */
export async function noteViewer(db: DbOrTx, p: { userId: string; page?: number; at: Date }): Promise<number> {
  const [row] = await db
    .insert(homeViewers)
    .values({ userId: p.userId, page: p.page ?? 1, openedAt: p.at })
    .onConflictDoUpdate({ target: homeViewers.userId, set: { openedAt: p.at, ...(p.page !== undefined ? { page: p.page } : {}) } })
    .returning({ page: homeViewers.page });
  return row?.page ?? 1;
}

/** The page the user's Home tab shows (1 when they never opened it). */
export async function pageOf(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db.select({ page: homeViewers.page }).from(homeViewers).where(sql`${homeViewers.userId} = ${userId}`);
  return row?.page ?? 1;
}

/** Which of these users have opened App Home. */
export async function viewersAmong(db: DbOrTx, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db.select({ userId: homeViewers.userId }).from(homeViewers).where(inArray(homeViewers.userId, [...userIds]));
  return rows.map((r) => r.userId);
}
