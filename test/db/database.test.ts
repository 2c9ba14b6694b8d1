import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.js';
import { appliedMigrationCount } from '../../src/db/migrate.js';
import { createCore } from '../../src/core/core.js';
import { libraryOf } from '../../src/core/playbooks/library.js';
import { fixedClock } from '../../src/core/clock.js';
import { createPostgresDatabase, dropPostgresDatabase, TEST_DATABASE_URL } from '../support/db.js';

// Every migration in drizzle-kit's journal.
const MIGRATIONS = (JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: unknown[] }).entries.length;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('embedded PGlite under DATA_DIR', () => {
  it('persists across restarts, and a second process on the same directory fails fast with a clear message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rampart-db-'));
    dirs.push(dir);
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    await first.db.execute(sql`insert into counters (name, value) values ('probe', 7)`);
    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toThrow(/in use by another Rampart process.*DATA_DIR/s);
    await first.close();
    const again = await openDatabase({ kind: 'pglite', dataDir: dir });
    const rows = (await again.db.execute(sql`select value from counters where name = 'probe'`)) as unknown as { rows: { value: number }[] };
    expect(rows.rows[0]?.value).toBe(7);
    expect(await appliedMigrationCount(again)).toBe(MIGRATIONS);
    await again.close();
  });

  it('a new directory starts as a copy of the migrated template, with the small buffer pool, and no copy left beside it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rampart-db-'));
    dirs.push(dir);
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(await appliedMigrationCount(database)).toBe(MIGRATIONS);
    expect(await sharedBuffers(database)).toBe('16MB');
    await database.close();
    expect(existsSync(path.join(dir, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dir, 'pglite.partial'))).toBe(false);
  });

  it('a directory made before the template (128 MB in its postgresql.conf) starts with the small buffer pool too', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rampart-db-'));
    dirs.push(dir);
    await (await openDatabase({ kind: 'pglite', dataDir: dir })).close();
    const conf = path.join(dir, 'pglite', 'postgresql.conf');
    writeFileSync(conf, readFileSync(conf, 'utf8').replace(/^shared_buffers = .*$/m, 'shared_buffers = 128MB'));
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(await sharedBuffers(database)).toBe('16MB');
    await database.close();
  });
});

async function sharedBuffers(database: Awaited<ReturnType<typeof openDatabase>>): Promise<string | undefined> {
  const result = (await database.db.execute(sql`show shared_buffers`)) as unknown as { rows: { shared_buffers: string }[] };
  return result.rows[0]?.shared_buffers;
}

/** Runs fn with a core on a fresh Postgres database (8 connections, so concurrent calls really overlap). */
async function withPostgresCore(fn: (core: ReturnType<typeof createCore>) => Promise<void>): Promise<void> {
  const url = await createPostgresDatabase();
  const database = await openDatabase({ kind: 'postgres', url, max: 8 });
  try {
    await fn(
      createCore({ playbooks: libraryOf([]),
        db: database.db,
        clock: fixedClock('2026-01-01T00:00:00Z'),
        isResponder: async () => true,
        incidentTypes: ['other'],
        sensitiveTypes: [],
        timezone: 'UTC',
        reviewRequired: ['sev1', 'sev2'],
        redactPatterns: [],
    admins: [],
      }),
    );
  } finally {
    await database.close();
    await dropPostgresDatabase(url);
  }
}

describe.skipIf(!TEST_DATABASE_URL)('real Postgres (TEST_DATABASE_URL)', () => {
  it('several replicas starting at once migrate once, under the advisory lock', async () => {
    const url = await createPostgresDatabase();
    try {
      const replicas = await Promise.all(Array.from({ length: 5 }, () => openDatabase({ kind: 'postgres', url, max: 2 })));
      for (const r of replicas) expect(await appliedMigrationCount(r)).toBe(MIGRATIONS);
      await Promise.all(replicas.map((r) => r.close()));
    } finally {
      await dropPostgresDatabase(url);
    }
  });

  it('concurrent declarations get distinct, gapless references', async () => {
    await withPostgresCore(async (core) => {
      const actor = { id: 'U1', source: 'slack-command' as const };
      // One bad declaration in the middle rolls back and must not burn a number.
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, k) => core.declare(actor, { title: k === 10 ? '' : `Incident ${k}` })),
      );
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      const numbers = (await core.list({ id: 'cli', source: 'cli' }, 'all')).map((v) => v.incident.number).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 19 }, (_, k) => k + 1));
    });
  });

  it('concurrent notes and a burst of retried pins keep per-incident sequence numbers unique and the copy single', async () => {
    await withPostgresCore(async (core) => {
      const actor = { id: 'U1', source: 'slack-command' as const };
      const { incident } = await core.declare(actor, { title: 'Busy incident' });
      await core.attachChannel(incident.id, { id: 'C0BUSY', name: 'inc-1', private: true });
      const message = { channel: 'C0BUSY', ts: '1767225600.000100', author: 'U2', text: 'evidence', permalink: null };
      await Promise.all([
        ...Array.from({ length: 15 }, (_, k) => core.addNote(actor, 'INC-1', `note ${k}`)),
        // Slack retrying one delivery, and someone pinning the same message, all at once.
        ...Array.from({ length: 5 }, () => core.recordSlackMessage(actor, message, 'reaction', 'Ev0001')),
        core.recordSlackMessage(actor, message, 'pin', 'Ev0002'),
      ]);
      const { events } = await core.timeline({ id: 'cli', source: 'cli' }, 'INC-1');
      const seqs = events.map((e) => e.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: events.length }, (_, k) => k + 1));
      expect(events.filter((e) => e.kind === 'note_added')).toHaveLength(15);
      expect(events.filter((e) => e.kind === 'message_pinned')).toHaveLength(1);
    });
  });

  it('cancels statements that run past the statement timeout', async () => {
    // The server cancels the statement after 100 ms; the test itself never waits on a timer.
    const url = await createPostgresDatabase();
    const database = await openDatabase({ kind: 'postgres', url, statementTimeoutMs: 100, max: 1 });
    try {
      await expect(database.db.execute(sql`select pg_sleep(30)`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/statement timeout/) } });
    } finally {
      await database.close();
      await dropPostgresDatabase(url);
    }
  });

  it('survives the server dropping its connections (no crash, next query reconnects)', async () => {
    const url = await createPostgresDatabase();
    const errors: unknown[] = [];
    const database = await openDatabase({ kind: 'postgres', url, max: 2 }, { error: (e) => errors.push(e) });
    try {
      await database.db.execute(sql`select 1`);
      const name = new URL(url).pathname.slice(1);
      const admin = await openDatabase({ kind: 'postgres', url: TEST_DATABASE_URL!, max: 1 });
      await admin.db.execute(sql.raw(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`));
      await admin.close();
      await expect.poll(() => errors.length, { interval: 20, timeout: 2_000 }).toBeGreaterThan(0);
      const r = (await database.db.execute(sql`select 41 + 1 as n`)) as unknown as { rows: { n: number }[] };
      expect(r.rows[0]?.n).toBe(42);
    } finally {
      await database.close();
      await dropPostgresDatabase(url);
    }
  });
});
