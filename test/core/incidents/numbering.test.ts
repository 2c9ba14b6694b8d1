// Incident numbers are gapless (INC-1, INC-2… with no hole and no duplicate) although a declare takes its number only
// as its last statement: a declare that fails after taking it gives it back, and concurrent declares over several
// connections get 1..n exactly. The reply shows the kept one; the channel set-up's outbox row, enqueued before the
// number is taken, shows none (no provisional reference can leak into Slack).
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/core.js';
import { openDatabase } from '../../../src/db/client.js';
import type { Database, Db, DbOrTx } from '../../../src/db/types.js';
import type { Declared } from '../../../src/core/incidents/declare.js';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';
import { backend, dbErrorOf } from '../../support/db.js';

const actor = slackUser(RESPONDER);

// A real failure from the database after the number is taken: a constraint trigger deferred to the commit, which
// comes after the numbering (the declaration's last statement), refuses an incident titled "Doomed", so the whole
// declaration rolls back.
const FAIL_AFTER_NUMBERING = [
  `create or replace function refuse_doomed() returns trigger language plpgsql as $$
  begin
    if new.title = 'Doomed' and new.number > 0 then
      raise exception 'injected failure after numbering';
    end if;
    return new;
  end $$`,
  'drop trigger if exists refuse_doomed on incidents',
  'create constraint trigger refuse_doomed after update on incidents deferrable initially deferred for each row execute function refuse_doomed()',
];

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore();
  for (const statement of FAIL_AFTER_NUMBERING) await t.database.db.execute(sql.raw(statement));
});
afterEach(() => t.close());

/** Every stored incident number, ascending, and the counter's value. */
async function numbersIn(db: Db): Promise<{ numbers: number[]; counter: number | undefined }> {
  const numbers = (await db.execute(sql`select number from incidents order by number`)) as unknown as { rows: { number: number }[] };
  const counter = (await db.execute(sql`select value from counters where name = 'incident'`)) as unknown as { rows: { value: number }[] };
  return { numbers: numbers.rows.map((r) => r.number), counter: counter.rows[0]?.value };
}

/** What each channel set-up row's payload says of a reference, by incident id (it should say nothing). */
async function setupRefs(db: Db): Promise<Map<number, unknown>> {
  const rows = (await db.execute(sql`select incident_id, payload->>'ref' as ref from slack_outbox where kind = 'channel_setup'`)) as unknown as {
    rows: { incident_id: number; ref: string | null }[];
  };
  return new Map(rows.rows.map((r) => [r.incident_id, r.ref]));
}

describe('incident numbers', () => {
  it('a declare that fails after taking its number leaves no gap, and nothing of it is stored', async () => {
    const first = await t.core.declare(actor, { title: 'Phishing wave', severity: 'sev3' });
    // The commit refused it once it had INC-2: the number was taken when it failed.
    expect(await dbErrorOf(t.core.declare(actor, { title: 'Doomed', severity: 'sev2' }))).toBe('injected failure after numbering');
    const second = await t.core.declare(actor, { title: 'Lost laptop', severity: 'sev3' });
    expect([first.incident.ref, second.incident.ref]).toEqual(['INC-1', 'INC-2']);
    expect(await numbersIn(t.database.db)).toEqual({ numbers: [1, 2], counter: 2 });
    const events = (await t.database.db.execute(sql`select count(*)::int as n from timeline_events`)) as unknown as { rows: { n: number }[] };
    expect(events.rows[0]!.n).toBe(2);
  });

  it('the reply shows the number kept, the set-up row no provisional one, and no provisional number is left', async () => {
    const declared = await t.core.declare(actor, { title: 'Token leaked in a public repo', severity: 'sev1' });
    expect(declared.incident.number).toBe(1);
    expect((await t.core.show(actor, 'INC-1')).incident.id).toBe(declared.incident.id);
    // Enqueued before the number is taken, the set-up carries no reference at all (its worker reads the incident).
    expect((await setupRefs(t.database.db)).get(declared.incident.id)).toBeNull();
    expect((await numbersIn(t.database.db)).numbers).toEqual([1]);
  });
});

describe.skipIf(backend !== 'postgres')('incident numbers under concurrency (Postgres only: PGlite is one connection)', () => {
  it('30 concurrent declares over several connections get INC-1..INC-30, with failing declares among them', async () => {
    const pools: Database[] = [];
    try {
      for (let i = 0; i < 3; i++) pools.push(await openDatabase({ kind: 'postgres', url: t.database.url!, max: 4 }));
      const cores: Core[] = pools.map((p) => createCore({ ...t.deps, db: p.db }));
      const declares = Array.from({ length: 36 }, (_, i) => {
        const core = cores[i % cores.length]!;
        // Every sixth declare fails after taking its number, interleaved with the others.
        const title = i % 6 === 5 ? 'Doomed' : `Burst ${i}`;
        return core.declare(actor, { title, severity: 'sev3' });
      });
      const settled = await Promise.allSettled(declares);
      const kept = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.incident] : []));
      expect(kept).toHaveLength(30);
      expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(6);
      const range = Array.from({ length: 30 }, (_, i) => i + 1);
      expect(kept.map((i) => i.number).sort((a, b) => a - b)).toEqual(range);
      expect(await numbersIn(t.database.db)).toEqual({ numbers: range, counter: 30 });
      const refs = await setupRefs(t.database.db);
      expect(kept.map((incident) => refs.get(incident.id))).toEqual(kept.map(() => null));
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  });

  it('a declare held up midway does not hold up the next one: the number is taken at the end', async () => {
    // The held declare waits on an advisory lock the test holds, from its first timeline event: after its incident is
    // stored, before it is numbered. Were the counter locked from the start, the second declare would wait for it.
    await t.database.db.execute(sql.raw(HOLD_SLOW_DECLARE));
    await t.database.db.execute(sql.raw('drop trigger if exists hold_slow_declare on timeline_events'));
    await t.database.db.execute(sql.raw('create trigger hold_slow_declare before insert on timeline_events for each row execute function hold_slow_declare()'));
    const gate = await openDatabase({ kind: 'postgres', url: t.database.url!, max: 1 });
    const pool = await openDatabase({ kind: 'postgres', url: t.database.url!, max: 2 });
    try {
      const core = createCore({ ...t.deps, db: pool.db });
      let slow: Promise<Declared> | undefined;
      await gate.db.transaction(async (held) => {
        await held.execute(sql`select pg_advisory_xact_lock(1717)`);
        slow = core.declare(actor, { title: 'Slow', severity: 'sev2' });
        // Until the held declare waits on the gate (each look is a query, no timer).
        while (!(await waitingOnGate(held))) continue;
        const quick = await core.declare(actor, { title: 'Quick', severity: 'sev3' });
        expect(quick.incident.ref).toBe('INC-1');
      });
      // The gate's transaction ended: the held declare goes on and takes the next number.
      expect((await slow!).incident.ref).toBe('INC-2');
      expect(await numbersIn(t.database.db)).toEqual({ numbers: [1, 2], counter: 2 });
    } finally {
      await Promise.all([gate.close(), pool.close()]);
    }
  });
});

const HOLD_SLOW_DECLARE = `create or replace function hold_slow_declare() returns trigger language plpgsql as $$
  begin
    if exists (select 1 from incidents where id = new.incident_id and title = 'Slow') then
      perform pg_advisory_xact_lock(1717);
    end if;
    return new;
  end $$`;

/** Whether a session waits for the test's advisory lock. */
async function waitingOnGate(db: DbOrTx): Promise<boolean> {
  const r = (await db.execute(sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = 1717 and not granted`)) as unknown as { rows: { n: number }[] };
  return r.rows[0]!.n > 0;
}
