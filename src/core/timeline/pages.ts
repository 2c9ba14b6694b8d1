// Whole-timeline passes (reports, exports, the hash-chain check) read every event of an incident, tens of thousands
// for a long one. They read here: one plain query per page by keyset, only the columns the pass needs, rows mapped
// by hand, and the next page asked for while the caller works through this one (the database's time overlaps ours;
// at most two pages are held). drizzle's row mapping and timestamp parsing took about a third of a 10,000-event report.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/types.js';
import type { EventSource } from '../../db/schema.js';
import type { EventKind, TimelineEvent } from './events.js';

/** An event as stored, with what its hash covers and chains to. */
export interface ChainedEvent extends TimelineEvent {
  incidentId: number;
  dedupeKey: string | null;
  prevHash: string | null;
  hash: string | null;
}

interface RawRow {
  seq: number;
  kind: string;
  actor: string;
  occurred_ms: number;
  recorded_ms: number;
  source: string;
  payload: unknown;
  corrects_seq: number | null;
}

interface RawChainedRow extends RawRow {
  incident_id: number;
  dedupe_key: string | null;
  prev_hash: string | null;
  hash: string | null;
}

// Times come as whole epoch milliseconds (Postgres 15+ computes extract() exactly), which is all a Date holds: the
// same instant drizzle's timestamp parsing gives (it drops sub-millisecond digits too), at a fraction of the cost.
const EVENT_COLUMNS = sql.raw(`seq, kind, actor, source, payload, corrects_seq,
  floor(extract(epoch from occurred_at) * 1000)::float8 as occurred_ms, floor(extract(epoch from recorded_at) * 1000)::float8 as recorded_ms`);

// Literal objects of one shape, field by field: building them by spreading cost several times as much.
function toEvent(r: RawRow): TimelineEvent {
  return {
    seq: r.seq,
    kind: r.kind as EventKind,
    actor: r.actor,
    occurredAt: new Date(r.occurred_ms),
    recordedAt: new Date(r.recorded_ms),
    source: r.source as EventSource,
    payload: payloadOf(r),
    correctsSeq: r.corrects_seq,
  };
}

function toChainedEvent(r: RawChainedRow): ChainedEvent {
  return {
    incidentId: r.incident_id,
    seq: r.seq,
    kind: r.kind as EventKind,
    actor: r.actor,
    occurredAt: new Date(r.occurred_ms),
    recordedAt: new Date(r.recorded_ms),
    source: r.source as EventSource,
    payload: payloadOf(r),
    dedupeKey: r.dedupe_key,
    correctsSeq: r.corrects_seq,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Both drivers parse jsonb; a string would be a driver that does not. */
const payloadOf = (r: RawRow) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>;

async function rowsOf<R>(db: DbOrTx, query: SQL): Promise<R[]> {
  return ((await db.execute(query)) as unknown as { rows: R[] }).rows;
}

/**
 * Pages read one ahead: `read(after)` gives a page and the key to read the next one after (none at the end). A
 * caller that stops early (a broken chain) leaves a page in flight, which settles unobserved.
 */
async function* readAhead<T, K>(read: (after: K | undefined) => Promise<{ rows: T[]; next: K | undefined }>): AsyncGenerator<T[]> {
  let pending: ReturnType<typeof read> | undefined = read(undefined);
  try {
    while (pending) {
      const page: Awaited<ReturnType<typeof read>> = await pending;
      pending = page.next === undefined ? undefined : read(page.next);
      if (page.rows.length > 0) yield page.rows;
    }
  } finally {
    pending?.catch(() => {});
  }
}

/** An incident's events in seq order (the chain's), with their hashes, a page at a time. */
export function chainedPages(db: DbOrTx, incidentId: number, pageSize: number): AsyncGenerator<ChainedEvent[]> {
  return readAhead(async (after: number | undefined) => {
    const raw = await rowsOf<RawChainedRow>(
      db,
      sql`select ${EVENT_COLUMNS}, incident_id, dedupe_key, prev_hash, hash from timeline_events
        where incident_id = ${incidentId}${after === undefined ? sql`` : sql` and seq > ${after}`} order by seq limit ${pageSize}`,
    );
    const rows = raw.map(toChainedEvent);
    return { rows, next: rows.length === pageSize ? rows.at(-1)!.seq : undefined };
  });
}

/** An incident's events in the order they happened (occurred_at, ties by seq), a page at a time. */
export function eventPages(db: DbOrTx, incidentId: number, pageSize: number): AsyncGenerator<TimelineEvent[]> {
  return readAhead(async (after: { seq: number; occurredAt: string } | undefined) => {
    const at = after && sql`${after.occurredAt}::timestamptz`;
    // The first keyset condition lets the (incident_id, occurred_at, seq) index skip what was read; the row comparison
    // then breaks ties by seq exactly. occurred_key is occurred_at as stored (to the microsecond), so the key is exact.
    const raw = await rowsOf<RawRow & { occurred_key: string }>(
      db,
      sql`select ${EVENT_COLUMNS}, occurred_at::text as occurred_key from timeline_events
        where incident_id = ${incidentId}${after ? sql` and occurred_at >= ${at} and (occurred_at, seq) > (${at}, ${after.seq})` : sql``}
        order by occurred_at, seq limit ${pageSize}`,
    );
    const last = raw.at(-1);
    return { rows: raw.map(toEvent), next: last && raw.length === pageSize ? { seq: last.seq, occurredAt: last.occurred_key } : undefined };
  });
}
