// Timeline reads and the one function that appends. Appends always run inside the caller's transaction, next to
// the state change they record, so a change and its event commit or roll back together.
import { and, asc, desc, eq } from 'drizzle-orm';
import { timelineEvents } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { NewEvent, TimelineEvent } from './events.js';
import { eventHash } from './hash.js';
import { redactJson, redactionOf, type SafeJson } from '../redaction/apply.js';
import { noteChange } from '../home/changes.js';

/**
 * Appends one event in `tx`, which must come from inTransaction (it carries the redaction patterns). The caller must hold the incident's row lock (SELECT … FOR UPDATE), which makes the
 * per-incident sequence number race-free. Returns null when an event with the same dedupe key already exists
 * (a Slack retry): nothing is written then.
 */
export async function appendEvent(tx: Tx, incidentId: number, event: NewEvent, recordedAt: Date): Promise<TimelineEvent | null> {
  // The latest event gives both the next seq and the hash to chain to. The incident row lock the caller holds
  // serialises appends to one incident, so no two events can read the same latest event: the chain cannot fork.
  const [last] = await tx
    .select({ seq: timelineEvents.seq, hash: timelineEvents.hash })
    .from(timelineEvents)
    .where(eq(timelineEvents.incidentId, incidentId))
    .orderBy(desc(timelineEvents.seq))
    .limit(1);
  const fields = fieldsOf(tx, incidentId, (last?.seq ?? 0) + 1, event, recordedAt);
  // A latest event without a hash predates the chain: the chain starts afresh here.
  const prevHash = last?.hash ?? null;
  const rows = await tx
    .insert(timelineEvents)
    .values({ ...fields, prevHash, hash: eventHash(fields, prevHash) })
    .onConflictDoNothing({ target: timelineEvents.dedupeKey })
    .returning();
  const row = rows[0];
  if (!row) return null;
  // Noted for inTransaction, which refreshes the Home tabs this change concerns before the transaction commits.
  noteChange(tx, { incidentId, seq: row.seq, kind: event.kind, payload: row.payload, at: recordedAt });
  return toEvent(row);
}

/**
 * Appends the first events of an incident created in this same transaction (`tx` from inTransaction): nothing can
 * precede them, so they take seq 1, 2, … and chain from nothing without reading the timeline first, and all go in one
 * insert (a declaration is one round trip here, not two per event). Returns them in order.
 */
export async function appendFirstEvents(tx: Tx, incidentId: number, events: readonly NewEvent[], recordedAt: Date): Promise<TimelineEvent[]> {
  let prevHash: string | null = null;
  const values = events.map((event, i) => {
    const fields = fieldsOf(tx, incidentId, i + 1, event, recordedAt);
    const row = { ...fields, prevHash, hash: eventHash(fields, prevHash) };
    prevHash = row.hash;
    return row;
  });
  const rows = await tx.insert(timelineEvents).values(values).returning();
  rows.sort((a, b) => a.seq - b.seq);
  for (const row of rows) noteChange(tx, { incidentId, seq: row.seq, kind: row.kind as TimelineEvent['kind'], payload: row.payload, at: recordedAt });
  return rows.map(toEvent);
}

/** An event's stored fields at this seq, its payload through the redaction step. */
function fieldsOf(tx: Tx, incidentId: number, seq: number, event: NewEvent, recordedAt: Date) {
  // Every string of the payload passes the redaction step here, before the hash is computed, so no event kind can
  // store a secret and the chain covers exactly what is stored. redactJson copies through JSON, which is what jsonb
  // keeps (undefined members dropped, dates as strings).
  const payload = redactJson(redactionOf(tx), event.payload).value as SafeJson<Record<string, unknown>>;
  return {
    incidentId,
    seq,
    kind: event.kind,
    actor: event.actor,
    occurredAt: event.occurredAt ?? recordedAt,
    recordedAt,
    source: event.source,
    payload,
    dedupeKey: event.dedupeKey ?? null,
    correctsSeq: event.correctsSeq ?? null,
  };
}

/** An incident's events in the order they happened (ties in the order they were recorded). */
export async function listEvents(db: DbOrTx, incidentId: number): Promise<TimelineEvent[]> {
  const rows = await db
    .select()
    .from(timelineEvents)
    .where(eq(timelineEvents.incidentId, incidentId))
    .orderBy(asc(timelineEvents.occurredAt), asc(timelineEvents.seq));
  return rows.map(toEvent);
}

/** One event by its sequence number, or undefined. */
export async function findEvent(db: DbOrTx, incidentId: number, seq: number): Promise<TimelineEvent | undefined> {
  const [row] = await db
    .select()
    .from(timelineEvents)
    .where(and(eq(timelineEvents.incidentId, incidentId), eq(timelineEvents.seq, seq)));
  return row ? toEvent(row) : undefined;
}

/** True when an event with this dedupe key is stored. */
export async function hasDedupeKey(db: DbOrTx, key: string): Promise<boolean> {
  const rows = await db.select({ id: timelineEvents.id }).from(timelineEvents).where(eq(timelineEvents.dedupeKey, key)).limit(1);
  return rows.length > 0;
}

function toEvent(row: typeof timelineEvents.$inferSelect): TimelineEvent {
  return {
    seq: row.seq,
    kind: row.kind as TimelineEvent['kind'],
    actor: row.actor,
    occurredAt: row.occurredAt,
    recordedAt: row.recordedAt,
    source: row.source,
    payload: row.payload,
    correctsSeq: row.correctsSeq,
  };
}
