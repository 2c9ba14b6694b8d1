// Whole-timeline passes (reports, exports, the hash-chain check) read every event of an incident, tens of thousands
// for a long one. They read here, a page at a time by keyset, with the next page asked for while the caller works
// through this one (the database's time overlaps ours; at most two pages are held).
//
// The database hands each page over as one JSON array of arrays, which one JSON.parse turns into values. Read as
// rows, every field of every row went through the driver's parsing and drizzle's mapping: that took about a third
// of a 10,000-event report, and more in a fresh process, before that code is optimised.
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

// One event as the page's JSON gives it, in the order of EVENT_FIELDS (then CHAIN_FIELDS for a chained page).
type Fields = [number, string, string, string, Record<string, unknown>, number | null, number, number, number, string | null, string | null, string | null];

// Times as whole epoch milliseconds (Postgres 15+ computes extract() exactly), which is all a Date holds: the same
// instant drizzle's timestamp parsing gives (it drops sub-millisecond digits too).
const EVENT_FIELDS = sql.raw(`seq, kind, actor, source, payload, corrects_seq,
  floor(extract(epoch from occurred_at) * 1000), floor(extract(epoch from recorded_at) * 1000)`);
const CHAIN_FIELDS = sql.raw('incident_id, dedupe_key, prev_hash, hash');

// Literal objects of one shape, field by field: building them by spreading cost several times as much.
function toEvent(f: Fields): TimelineEvent {
  return { seq: f[0], kind: f[1] as EventKind, actor: f[2], occurredAt: new Date(f[6]), recordedAt: new Date(f[7]), source: f[3] as EventSource, payload: f[4], correctsSeq: f[5] };
}

function toChainedEvent(f: Fields): ChainedEvent {
  return {
    incidentId: f[8],
    seq: f[0],
    kind: f[1] as EventKind,
    actor: f[2],
    occurredAt: new Date(f[6]),
    recordedAt: new Date(f[7]),
    source: f[3] as EventSource,
    payload: f[4],
    dedupeKey: f[9],
    correctsSeq: f[5],
    prevHash: f[10],
    hash: f[11],
  };
}

/** One page: its events' fields, and the last one's occurred_at as stored (to the microsecond, for an exact key). */
async function pageOf(db: DbOrTx, query: SQL): Promise<{ fields: Fields[]; lastAt: string | null }> {
  const result = (await db.execute(query)) as unknown as { rows: { page: string | null; last_at: string | null }[] };
  const row = result.rows[0];
  return { fields: row?.page ? (JSON.parse(row.page) as Fields[]) : [], lastAt: row?.last_at ?? null };
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
      // Let the request go out before the caller's work begins: the driver sends it only after a few promise hops,
      // and a caller that works through a page without awaiting (the chain check) would otherwise hold it back.
      if (pending) await new Promise((resolve) => setImmediate(resolve));
      if (page.rows.length > 0) yield page.rows;
    }
  } finally {
    pending?.catch(() => {});
  }
}

/** An incident's events in seq order (the chain's), with their hashes, a page at a time. */
export function chainedPages(db: DbOrTx, incidentId: number, pageSize: number): AsyncGenerator<ChainedEvent[]> {
  return readAhead(async (after: number | undefined) => {
    const { fields } = await pageOf(
      db,
      sql`select json_agg(json_build_array(${EVENT_FIELDS}, ${CHAIN_FIELDS}) order by seq)::text as page, null as last_at
        from (select * from timeline_events where incident_id = ${incidentId}${after === undefined ? sql`` : sql` and seq > ${after}`}
          order by seq limit ${pageSize}) e`,
    );
    const rows = fields.map(toChainedEvent);
    return { rows, next: rows.length === pageSize ? rows.at(-1)!.seq : undefined };
  });
}

/** An incident's events in the order they happened (occurred_at, ties by seq), a page at a time. */
export function eventPages(db: DbOrTx, incidentId: number, pageSize: number): AsyncGenerator<TimelineEvent[]> {
  return readAhead(async (after: { seq: number; occurredAt: string } | undefined) => {
    const at = after && sql`${after.occurredAt}::timestamptz`;
    // The first keyset condition lets the (incident_id, occurred_at, seq) index skip what was read; the row comparison
    // then breaks ties by seq exactly.
    const { fields, lastAt } = await pageOf(
      db,
      sql`select json_agg(json_build_array(${EVENT_FIELDS}) order by occurred_at, seq)::text as page,
          (array_agg(occurred_at::text order by occurred_at desc, seq desc))[1] as last_at
        from (select * from timeline_events where incident_id = ${incidentId}${after ? sql` and occurred_at >= ${at} and (occurred_at, seq) > (${at}, ${after.seq})` : sql``}
          order by occurred_at, seq limit ${pageSize}) e`,
    );
    const rows = fields.map(toEvent);
    const last = rows.at(-1);
    return { rows, next: last && lastAt !== null && rows.length === pageSize ? { seq: last.seq, occurredAt: lastAt } : undefined };
  });
}
