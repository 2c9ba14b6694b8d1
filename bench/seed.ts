// Builds the benchmark's data: one incident per size with that many timeline events, inserted by the database
// itself (generate_series), so seeding 100,000 events takes seconds and no JavaScript memory.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/types.js';

/** Creates INC-<number> with `events` events (1 declaration + notes, pins, steps and status changes). */
export async function seedIncident(database: Database, number: number, events: number): Promise<void> {
  const start = '2026-11-01T08:00:00Z';
  await database.db.execute(sql`
    insert into incidents (number, title, description, type, severity, status, private, reporter_id, commander_id, declared_at, acknowledged_at, contained_at, updated_at)
    values (${number}, ${`Benchmark incident with ${events} events`}, 'Seeded by bench/seed.ts', 'phishing', 'sev2', 'investigating', false,
            'U0BENCH1', 'U0BENCH2', ${start}::timestamptz, ${start}::timestamptz + interval '5 minutes', ${start}::timestamptz + interval '2 hours', now())`);
  // A realistic mix: a declaration, two status changes, and pinned messages, completed steps and notes.
  await database.db.execute(sql`
    insert into timeline_events (incident_id, seq, kind, actor, occurred_at, recorded_at, source, payload)
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
  // Fresh statistics, as autovacuum would have by the time anyone asks for a report.
  await database.db.execute(sql`analyze timeline_events`);
}
