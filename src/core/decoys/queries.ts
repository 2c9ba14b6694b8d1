// Decoy queries, shaped (db, params). Writes run inside the caller's transaction.
import { and, asc, count, desc, eq, gte, inArray, isNull, max, or } from 'drizzle-orm';
import { decoyHits, decoys, incidents } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import { OPEN_STATUSES } from '../incidents/incident.js';
import type { Decoy, DecoyKind } from './decoy.js';
import type { SafeText } from '../../shared/safe-text.js';

/** Stores a new decoy. */
export async function insertDecoy(tx: Tx, values: Omit<Decoy, 'id' | 'retiredAt' | 'retiredBy'>): Promise<Decoy> {
  const [row] = await tx.insert(decoys).values(values).returning();
  return row!;
}

/** The live (not retired) decoy with this name, optionally locked. */
export async function findLiveByName(db: DbOrTx, name: SafeText, opts: { forUpdate?: boolean } = {}): Promise<Decoy | undefined> {
  const q = db.select().from(decoys).where(and(eq(decoys.name, name), isNull(decoys.retiredAt)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

/** The live decoy with this token, optionally locked (which serialises hits on one decoy). */
export async function findLiveByToken(db: DbOrTx, token: string, opts: { forUpdate?: boolean } = {}): Promise<Decoy | undefined> {
  const q = db.select().from(decoys).where(and(eq(decoys.token, token), isNull(decoys.retiredAt)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

/** Which of these path tokens are live decoys', and every live credential decoy's token, in one query for many requests. */
export async function liveTokensAmong(db: DbOrTx, tokens: readonly string[]): Promise<{ paths: Set<string>; credentials: string[] }> {
  const candidates = [...new Set(tokens.filter((t) => t.length > 0 && t.length <= MAX_TOKEN_LENGTH))];
  // One query for both: the live tokens named in paths, and every live credential (it may be presented in any header).
  const wanted = candidates.length > 0 ? or(inArray(decoys.token, candidates), eq(decoys.kind, 'credential')) : eq(decoys.kind, 'credential');
  const rows = await db.select({ token: decoys.token, kind: decoys.kind }).from(decoys).where(and(wanted, isNull(decoys.retiredAt)));
  const named = new Set(candidates);
  return { paths: new Set(rows.filter((r) => named.has(r.token)).map((r) => r.token)), credentials: rows.filter((r) => r.kind === 'credential').map((r) => r.token) };
}

// Tokens are 32 characters (24 random bytes in base64url); the margin keeps future lengths working.
const MAX_TOKEN_LENGTH = 128;

/** Live decoys of the given kinds (a deployment plants tens, not thousands). */
export async function listLive(db: DbOrTx, kinds?: readonly DecoyKind[]): Promise<Decoy[]> {
  const live = isNull(decoys.retiredAt);
  return db
    .select()
    .from(decoys)
    .where(kinds ? and(live, inArray(decoys.kind, [...kinds])) : live)
    .orderBy(asc(decoys.name));
}

/** Marks a decoy retired. */
export async function retireDecoy(tx: Tx, id: number, by: string, at: Date): Promise<Decoy> {
  const [row] = await tx.update(decoys).set({ retiredAt: at, retiredBy: by }).where(eq(decoys.id, id)).returning();
  return row!;
}

/** The open incident that a hit on this decoy at or after `since` went to, if any (the newest). */
export async function openIncidentHitSince(db: DbOrTx, decoyId: number, since: Date): Promise<number | undefined> {
  const [row] = await db
    .select({ incidentId: decoyHits.incidentId })
    .from(decoyHits)
    .innerJoin(incidents, eq(incidents.id, decoyHits.incidentId))
    .where(and(eq(decoyHits.decoyId, decoyId), gte(decoyHits.at, since), inArray(incidents.status, [...OPEN_STATUSES])))
    .orderBy(desc(decoyHits.at))
    .limit(1);
  return row?.incidentId;
}

/** Records a hit. */
export async function insertHit(tx: Tx, values: typeof decoyHits.$inferInsert): Promise<void> {
  await tx.insert(decoyHits).values(values);
}

/** Hit count and latest hit per decoy id. */
export async function hitStats(db: DbOrTx, decoyIds: number[]): Promise<Map<number, { hits: number; lastHit: Date | null }>> {
  if (decoyIds.length === 0) return new Map();
  const rows = await db
    .select({ decoyId: decoyHits.decoyId, hits: count(), lastHit: max(decoyHits.at) })
    .from(decoyHits)
    .where(inArray(decoyHits.decoyId, decoyIds))
    .groupBy(decoyHits.decoyId);
  return new Map(rows.map((r) => [r.decoyId, { hits: r.hits, lastHit: r.lastHit }]));
}

/** Every hit of an incident, oldest first. */
export async function hitsForIncident(db: DbOrTx, incidentId: number) {
  return db.select().from(decoyHits).where(eq(decoyHits.incidentId, incidentId)).orderBy(asc(decoyHits.at), asc(decoyHits.id));
}
