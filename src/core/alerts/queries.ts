// Alert intake queries, shaped (db, params): no access checks, no rules. Writes run inside the caller's transaction.
import { and, asc, count, eq, inArray, isNull, max } from 'drizzle-orm';
import { alertDedupeKeys, alerts, alertSources } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { SafeText } from '../../shared/safe-text.js';
import type { AlertSource } from './alert.js';

const SOURCE_COLUMNS = {
  id: alertSources.id,
  name: alertSources.name,
  createdBy: alertSources.createdBy,
  createdAt: alertSources.createdAt,
  revokedAt: alertSources.revokedAt,
  revokedBy: alertSources.revokedBy,
};

/** Stores a new source with its token's hash. */
export async function insertSource(tx: Tx, values: { name: SafeText; tokenSha256: string; createdBy: string; createdAt: Date }): Promise<AlertSource> {
  const [row] = await tx.insert(alertSources).values(values).returning(SOURCE_COLUMNS);
  return row!;
}

/** The live (not revoked) source with this name, optionally locked. */
export async function findLiveSourceByName(db: DbOrTx, name: SafeText, opts: { forUpdate?: boolean } = {}): Promise<AlertSource | undefined> {
  const q = db.select(SOURCE_COLUMNS).from(alertSources).where(and(eq(alertSources.name, name), isNull(alertSources.revokedAt)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

/**
 * The live source whose token has this hash. With `forShare` the row is share-locked: alerts of one source go on side
 * by side, and a revoke waits for those in flight (and an alert after a committed revoke finds nothing).
 */
export async function findLiveSourceByHash(db: DbOrTx, tokenSha256: string, opts: { forShare?: boolean } = {}): Promise<AlertSource | undefined> {
  const q = db.select(SOURCE_COLUMNS).from(alertSources).where(and(eq(alertSources.tokenSha256, tokenSha256), isNull(alertSources.revokedAt)));
  const [row] = opts.forShare ? await q.for('share') : await q;
  return row;
}

/** Every live source, by name. */
export async function listLiveSources(db: DbOrTx): Promise<AlertSource[]> {
  return db.select(SOURCE_COLUMNS).from(alertSources).where(isNull(alertSources.revokedAt)).orderBy(asc(alertSources.name));
}

/** Marks a source revoked: its token stops working at once. */
export async function revokeSource(tx: Tx, id: number, by: string, at: Date): Promise<AlertSource> {
  const [row] = await tx.update(alertSources).set({ revokedAt: at, revokedBy: by }).where(eq(alertSources.id, id)).returning(SOURCE_COLUMNS);
  return row!;
}

/**
 * The (source, key) row, locked until the commit: created when missing, so the first of two concurrent alerts with
 * the same key creates it and the second waits on its lock, then sees the incident the first one opened.
 */
export async function lockDedupeKey(tx: Tx, sourceId: number, key: SafeText): Promise<{ incidentId: number | null }> {
  await tx.insert(alertDedupeKeys).values({ sourceId, key }).onConflictDoNothing();
  const [row] = await tx
    .select({ incidentId: alertDedupeKeys.incidentId })
    .from(alertDedupeKeys)
    .where(and(eq(alertDedupeKeys.sourceId, sourceId), eq(alertDedupeKeys.key, key)))
    .for('update');
  return row!;
}

/** Points a dedupe key at the incident its alert opened. */
export async function setDedupeIncident(tx: Tx, sourceId: number, key: SafeText, incidentId: number): Promise<void> {
  await tx.update(alertDedupeKeys).set({ incidentId }).where(and(eq(alertDedupeKeys.sourceId, sourceId), eq(alertDedupeKeys.key, key)));
}

/** Stores a received alert; returns its id. */
export async function insertAlert(tx: Tx, values: typeof alerts.$inferInsert): Promise<number> {
  const [row] = await tx.insert(alerts).values(values).returning({ id: alerts.id });
  return row!.id;
}

/** Alert count and latest alert per source id. */
export async function alertStats(db: DbOrTx, sourceIds: number[]): Promise<Map<number, { alerts: number; lastAlert: Date | null }>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db
    .select({ sourceId: alerts.sourceId, alerts: count(), lastAlert: max(alerts.receivedAt) })
    .from(alerts)
    .where(inArray(alerts.sourceId, sourceIds))
    .groupBy(alerts.sourceId);
  return new Map(rows.map((r) => [r.sourceId, { alerts: r.alerts, lastAlert: r.lastAlert }]));
}

/** Every alert an incident received, oldest first. */
export async function alertsForIncident(db: DbOrTx, incidentId: number) {
  return db.select().from(alerts).where(eq(alerts.incidentId, incidentId)).orderBy(asc(alerts.id));
}
