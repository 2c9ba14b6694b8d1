// The search queries use the GIN indexes the migration made: with sequential scans off, Postgres plans them as index
// scans, which it could not if a query's expression drifted from its index's. Postgres only: PGlite has the indexes
// too, but a plan is a server's business.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { matchingIncidents, matchingNotes } from '../../../src/core/search/queries.js';
import { TEST_DATABASE_URL } from '../../support/db.js';
import { testCore } from '../../support/core.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore();
});
afterEach(async () => {
  await t.close();
});

async function plan(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string> {
  const { sql, params } = query.toSQL();
  const client = new pg.Client({ connectionString: t.database.url });
  await client.connect();
  try {
    await client.query('set enable_seqscan = off');
    const result = await client.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, params);
    return result.rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}

describe.skipIf(!TEST_DATABASE_URL)('search indexes on real Postgres', () => {
  it('plans incident and note searches on their GIN indexes', async () => {
    expect(await plan(matchingIncidents(t.database.db, 'finance director', 20))).toContain('incidents_search_idx');
    expect(await plan(matchingNotes(t.database.db, 'lagos', 20))).toContain('timeline_events_note_search_idx');
  });
});
