// Evidence reads and writes, shaped (db, params): no access checks, no rules.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { counters, evidenceItems, timelineEvents } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { SafeText } from '../../shared/safe-text.js';
import type { CustodyEvent, EvidenceItem } from './evidence.js';

/** The timeline kinds that make up an item's chain of custody and re-checks. */
export const CUSTODY_KINDS = ['evidence_transferred', 'evidence_checked'] as const;

/** The next EV number: an upsert on the 'evidence' counter row, so a rolled-back add leaves no gap. */
export async function nextEvidenceNumber(tx: Tx): Promise<number> {
  const [row] = await tx
    .insert(counters)
    .values({ name: 'evidence', value: 1 })
    .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
    .returning({ value: counters.value });
  if (!row) throw new Error('counter upsert returned no row');
  return row.value;
}

/** Stores a new item. */
export async function insertEvidence(
  tx: Tx,
  row: Omit<EvidenceItem, 'id' | 'description' | 'location' | 'collectedBy' | 'holder'> & { description: SafeText; location: SafeText; collectedBy: SafeText; holder: SafeText },
): Promise<EvidenceItem> {
  const [inserted] = await tx.insert(evidenceItems).values(row).returning();
  if (!inserted) throw new Error('evidence insert returned no row');
  return inserted as EvidenceItem;
}

/** The item numbered EV-n. */
export async function evidenceByNumber(db: DbOrTx, number: number): Promise<EvidenceItem | undefined> {
  const [row] = await db.select().from(evidenceItems).where(eq(evidenceItems.number, number));
  return row as EvidenceItem | undefined;
}

/** An incident's items in EV order. */
export async function evidenceOf(db: DbOrTx, incidentId: number): Promise<EvidenceItem[]> {
  return (await db.select().from(evidenceItems).where(eq(evidenceItems.incidentId, incidentId)).orderBy(asc(evidenceItems.number))) as EvidenceItem[];
}

/** Whether the user holds one of the incident's evidence items now. */
export async function holdsEvidence(db: DbOrTx, incidentId: number, userId: string): Promise<boolean> {
  const rows = await db.select({ id: evidenceItems.id }).from(evidenceItems).where(and(eq(evidenceItems.incidentId, incidentId), eq(evidenceItems.holder, userId as SafeText))).limit(1);
  return rows.length > 0;
}

/** Sets who holds an item now (the custody chain's latest link; the transfer event is the record). */
export async function setHolder(tx: Tx, id: number, holder: SafeText): Promise<void> {
  await tx.update(evidenceItems).set({ holder }).where(eq(evidenceItems.id, id));
}

/** An incident's transfer and re-check events, in timeline order. */
export async function custodyEvents(db: DbOrTx, incidentId: number): Promise<CustodyEvent[]> {
  const rows = await db
    .select({ kind: timelineEvents.kind, actor: timelineEvents.actor, occurredAt: timelineEvents.occurredAt, payload: timelineEvents.payload })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.incidentId, incidentId), inArray(timelineEvents.kind, [...CUSTODY_KINDS])))
    .orderBy(asc(timelineEvents.seq));
  return rows as CustodyEvent[];
}
