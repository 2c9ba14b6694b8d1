// Builds the benchmark's data: one incident per size with that many timeline events, made by the database itself
// (generate_series), then chained with real hashes as appendEvent writes them, so the report's chain check hashes
// every event as it would in production (without hashes it would only count "unhashed" events and cost less).
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../src/db/types.js';
import { eventHash } from '../src/core/timeline/hash.js';

/** Events hashed and inserted per statement while seeding. */
const CHAIN_BATCH = 5_000;

/** Creates INC-<number> with `events` events (1 declaration + notes, pins, steps and status changes), hash-chained. */
export async function seedIncident(database: Database, number: number, events: number): Promise<void> {
  const start = '2026-11-01T08:00:00Z';
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into incidents (number, title, description, type, severity, status, private, reporter_id, commander_id, declared_at, acknowledged_at, contained_at, updated_at)
      values (${number}, ${`Benchmark incident with ${events} events`}, 'Seeded by bench/seed.ts', 'phishing', 'sev2', 'investigating', false,
              'U0BENCH1', 'U0BENCH2', ${start}::timestamptz, ${start}::timestamptz + interval '5 minutes', ${start}::timestamptz + interval '2 hours', now())`);
    // The events are made in a scratch table first: the timeline is append-only, so their hashes must be known
    // before they go in.
    await tx.execute(sql`create temp table bench_events on commit drop as select * from timeline_events with no data`);
    // A realistic mix: a declaration, two status changes, and pinned messages, completed steps and notes.
    await tx.execute(sql`
      insert into bench_events (incident_id, seq, kind, actor, occurred_at, recorded_at, source, payload)
      select i.id, g, k.kind,
        'U0BENCH' || (1 + g % 4),
        ${start}::timestamptz + g * interval '1 second' - case when g % 50 = 0 then interval '10 minutes' else interval '0' end,
        ${start}::timestamptz + g * interval '1 second',
        'slack-command',
        case k.kind
          when 'incident_declared' then jsonb_build_object('title', i.title, 'description', '', 'type', 'phishing', 'severity', 'sev2', 'private', false, 'drill', false)
          when 'status_changed' then jsonb_build_object('from', 'triage', 'to', 'investigating')
          when 'step_completed' then jsonb_build_object('runId', 1, 'playbookId', 'phishing', 'step', g % 14 + 1, 'title', 'Block the sender domain', 'note', 'done, see ticket ' || g)
          when 'message_pinned' then jsonb_build_object('channel', 'C0BENCH', 'ts', '1700000000.' || lpad(g::text, 6, '0'), 'author', 'U0BENCH3', 'text', 'Pasted mail header: "Received: from mx.example.org", with commas, quotes and more', 'permalink', null, 'via', 'reaction')
          else jsonb_build_object('text', 'Checked mailbox ' || g || ' for the phishing mail; nothing else found, moving on to the next one in the list')
        end
      from generate_series(1, ${events}) g
      cross join (select id, title from incidents where number = ${number}) i
      cross join lateral (select case
        when g = 1 then 'incident_declared'
        when g = 2 then 'status_changed'
        when g % 4 = 1 then 'message_pinned'
        when g % 4 = 2 then 'step_completed'
        else 'note_added' end as kind) k`);
    await chainInto(tx, events);
  });
  // Fresh statistics, as autovacuum would have by the time anyone asks for a report.
  await database.db.execute(sql`analyze timeline_events`);
}

interface ScratchRow { incident_id: number; seq: number; kind: string; actor: string; occurred_ms: number | string; recorded_ms: number | string; source: string; payload: unknown }

/** Hashes bench_events in seq order, as appendEvent chains them, and moves them into timeline_events. */
async function chainInto(tx: Tx, events: number): Promise<void> {
  let prevHash: string | null = null;
  for (let after = 0; after < events; after += CHAIN_BATCH) {
    const result = (await tx.execute(sql`
      select incident_id, seq, kind, actor, source, payload,
        (extract(epoch from occurred_at) * 1000)::float8 as occurred_ms, (extract(epoch from recorded_at) * 1000)::float8 as recorded_ms
      from bench_events where seq > ${after} and seq <= ${after + CHAIN_BATCH} order by seq`)) as unknown as { rows: ScratchRow[] };
    const links = result.rows.map((r) => {
      const payload = typeof r.payload === 'string' ? (JSON.parse(r.payload) as unknown) : r.payload;
      const fields = { incidentId: r.incident_id, seq: r.seq, kind: r.kind, actor: r.actor, occurredAt: new Date(Number(r.occurred_ms)), recordedAt: new Date(Number(r.recorded_ms)), source: r.source, payload, dedupeKey: null, correctsSeq: null };
      const link = { seq: r.seq, prev: prevHash, hash: eventHash(fields, prevHash) };
      prevHash = link.hash;
      return link;
    });
    await tx.execute(sql`
      insert into timeline_events (incident_id, seq, kind, actor, occurred_at, recorded_at, source, payload, prev_hash, hash)
      select b.incident_id, b.seq, b.kind, b.actor, b.occurred_at, b.recorded_at, b.source, b.payload, l.prev, l.hash
      from bench_events b join jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as l(seq int, prev text, hash text) on l.seq = b.seq
      order by b.seq`);
  }
}
