// The ledger of accepted request signatures: a signature gets in once, on one pool or on two replicas racing for it
// (Postgres only); it is remembered until its expiry, and expired rows are swept and their keys can be taken over.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.js';
import { SignatureLedger } from '../../../src/core/requests/signatures.js';
import type { Database } from '../../../src/db/types.js';
import { createTestDatabase, TEST_DATABASE_URL, withReplicaDatabases, type TestDatabase } from '../../support/db.js';

const T0 = '2026-12-03T10:00:00Z';
const at = (iso: string) => new Date(iso);
let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

async function rows(db: Database): Promise<{ n: number }> {
  const result = (await db.db.execute(sql`select count(*)::int as n from accepted_slack_signatures`)) as unknown as { rows: { n: number }[] };
  return { n: Number(result.rows[0]!.n) };
}

describe('the signature ledger', () => {
  it('accepts a signature once, and other signatures independently', async () => {
    database = await createTestDatabase();
    const ledger = new SignatureLedger(database.db, fixedClock(T0));
    const until = at('2026-12-03T10:05:00Z');
    expect(await ledger.claim('v0=aaa', until)).toBe(true);
    expect(await ledger.claim('v0=aaa', until)).toBe(false);
    expect(await ledger.claim('v0=aaa', until)).toBe(false);
    expect(await ledger.claim('v0=bbb', until)).toBe(true);
    // Stored as a hash, never the signature itself.
    const stored = (await database.db.execute(sql`select signature_sha256 from accepted_slack_signatures`)) as unknown as { rows: { signature_sha256: string }[] };
    expect(stored.rows.every((r) => /^[0-9a-f]{64}$/.test(r.signature_sha256))).toBe(true);
  });

  it('answers each of many claims arriving at once for itself, a copy in the same write included', async () => {
    database = await createTestDatabase();
    const ledger = new SignatureLedger(database.db, fixedClock(T0));
    const until = at('2026-12-03T10:05:00Z');
    // The first is written alone; the rest queue behind it and go out as one insert holding two copies of v0=b.
    const results = await Promise.all(['v0=a', 'v0=b', 'v0=a', 'v0=c', 'v0=b'].map((s) => ledger.claim(s, until)));
    expect(results).toEqual([true, true, false, true, false]);
    expect(await rows(database)).toEqual({ n: 3 });
  });

  it('sweeps expired signatures (at most once a minute), and takes over an expired one not swept yet', async () => {
    database = await createTestDatabase();
    const clock = fixedClock(T0);
    const ledger = new SignatureLedger(database.db, clock);
    expect(await ledger.claim('v0=old', at('2026-12-03T10:01:00Z'))).toBe(true);
    expect(await ledger.claim('v0=new', at('2026-12-03T10:09:00Z'))).toBe(true);
    clock.set('2026-12-03T10:01:30Z');
    // Within the minute since the last sweep: the expired row is still there, and its key is taken over.
    expect(await rows(database)).toEqual({ n: 2 });
    expect(await ledger.claim('v0=old', at('2026-12-03T10:06:30Z'))).toBe(true);
    expect(await ledger.claim('v0=old', at('2026-12-03T10:06:30Z'))).toBe(false);
    clock.set('2026-12-03T10:07:00Z');
    expect(await ledger.claim('v0=third', at('2026-12-03T10:12:00Z'))).toBe(true);
    // The sweep removed v0=old (expired 10:06:30); v0=new and v0=third remain.
    expect(await rows(database)).toEqual({ n: 2 });
  });

  it('lets exactly one of two replicas accept a signature both receive at once (Postgres)', async (ctx) => {
    if (!TEST_DATABASE_URL) ctx.skip('Postgres-only test: set TEST_DATABASE_URL to run it');
    await withReplicaDatabases(2, async ([a, b]) => {
      const ledgers = [new SignatureLedger(a!.db, fixedClock(T0)), new SignatureLedger(b!.db, fixedClock(T0))];
      for (let round = 0; round < 20; round++) {
        const results = await Promise.all([0, 1, 0, 1].map((i) => ledgers[i]!.claim(`v0=race-${round}`, at('2026-12-03T10:05:00Z'))));
        expect(results.filter(Boolean), `round ${round}`).toHaveLength(1);
      }
    });
  });
});
