// Concurrent alerts with one dedupe key (Postgres only: PGlite is one connection, so nothing runs side by side there).
// The (source, key) row lock makes them agree on one incident; a revoke waits for alerts in flight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testCore } from '../../support/core.js';
import { backend } from '../../support/db.js';

describe.skipIf(backend !== 'postgres')('alerts under concurrency (Postgres)', () => {
  let t: Awaited<ReturnType<typeof testCore>>;
  beforeAll(async () => {
    t = await testCore({ reviewRequired: [] });
  });
  afterAll(async () => {
    await t.close();
  });
  const cli = { id: 'cli', source: 'cli' } as const;

  it('files ten simultaneous alerts with one key under one incident, and ones with other keys apart', async () => {
    const { token } = await t.core.alerts.createSource(cli, 'edr');
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => t.core.alerts.receive(token, { title: `Beacon ${i}`, dedupe_key: 'host-7', observables: [{ type: 'domain', value: 'c2.example' }] })),
      ...Array.from({ length: 3 }, (_, i) => t.core.alerts.receive(token, { title: `Other ${i}`, dedupe_key: `host-${i}` })),
    ]);
    const same = results.slice(0, 10);
    expect(new Set(same.map((r) => r.incident.id)).size).toBe(1);
    expect(same.filter((r) => !r.joined)).toHaveLength(1);
    expect(same.reduce((n, r) => n + r.observablesAdded, 0)).toBe(1);
    const r = await t.database.db.execute(sql.raw(`select count(*)::int as incidents, (select count(*)::int from alerts) as alerts from incidents`));
    expect((r as unknown as { rows: unknown[] }).rows[0]).toEqual({ incidents: 4, alerts: 13 });
  });
});
