// The profile cache, shaped (db, params).
import { inArray, sql } from 'drizzle-orm';
import { slackProfiles } from '../../db/schema.js';
import type { DbOrTx } from '../../db/types.js';
import type { SafeText } from '../../shared/safe-text.js';

/** The cached names of these people, in one query; people without an entry are left out. */
export async function namesOf(db: DbOrTx, userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.select({ userId: slackProfiles.userId, name: slackProfiles.name }).from(slackProfiles).where(inArray(slackProfiles.userId, ids));
  return new Map(rows.filter((r) => r.name !== '').map((r) => [r.userId, r.name]));
}

/** When each of these people was last looked up (absent: never). */
export async function fetchedTimes(db: DbOrTx, userIds: readonly string[]): Promise<Map<string, Date>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select({ userId: slackProfiles.userId, fetchedAt: slackProfiles.fetchedAt }).from(slackProfiles).where(inArray(slackProfiles.userId, [...userIds]));
  return new Map(rows.map((r) => [r.userId, r.fetchedAt]));
}

/** Stores what the directory said, replacing an older entry. */
export async function saveProfile(db: DbOrTx, p: { userId: string; name: SafeText; realName: SafeText; fetchedAt: Date }): Promise<void> {
  await db
    .insert(slackProfiles)
    .values(p)
    .onConflictDoUpdate({ target: slackProfiles.userId, set: { name: sql`excluded.name`, realName: sql`excluded.real_name`, fetchedAt: sql`excluded.fetched_at` } });
}
