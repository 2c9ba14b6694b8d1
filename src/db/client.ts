// Opens the database: real Postgres through a pg Pool when a URL is given, otherwise embedded PGlite under a
// data directory guarded by a lock file (two processes on one PGlite directory would corrupt it).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import { AppError } from '../shared/errors.js';
import * as schema from './schema.js';
import type { Database, Db } from './types.js';
import { runMigrations } from './migrate.js';
import { seedFromTemplate } from './pglite-template.js';

/**
 * Postgres settings for every embedded start. Postgres's default 128 MB buffer pool is touched in full by PGlite and
 * stays resident; 16 MB holds a small team's working set, and reads beyond it come from the OS page cache. (New data
 * directories also get it in their postgresql.conf, from bin/pglite-template.js.)
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB'];

/** How to reach the database. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string; statementTimeoutMs?: number; connectTimeoutMs?: number; max?: number }
  | { kind: 'pglite'; dataDir: string } // dataDir 'memory://' keeps everything in memory (tests)
  | { kind: 'pglite-instance'; client: PGlite };

interface Logger {
  error(obj: unknown, msg?: string): void;
}

/** Opens the database and applies pending migrations under an advisory lock. */
export async function openDatabase(target: DatabaseTarget, logger?: Logger): Promise<Database> {
  const database = target.kind === 'postgres' ? openPostgres(target, logger) : await openPglite(target);
  try {
    await runMigrations(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

function openPostgres(target: Extract<DatabaseTarget, { kind: 'postgres' }>, logger?: Logger): Database {
  const pool = new pg.Pool({
    connectionString: target.url,
    // Connecting (or waiting for a free connection) fails fast, inside Slack's 3 s ack window, while the server is away.
    connectionTimeoutMillis: target.connectTimeoutMs ?? 2_000,
    statement_timeout: target.statementTimeoutMs ?? 15_000,
    max: target.max ?? 10,
    // TCP keep-alive notices a server that vanished without closing the socket (a failover, a cut network).
    keepAlive: true,
  });
  // An idle client losing its server (a Postgres restart) emits 'error'; unhandled, that would crash the process.
  pool.on('error', (err) => logger?.error({ err }, 'postgres pool error (idle client); it will reconnect'));
  pool.on('connect', (client) => {
    client.on('error', (err) => logger?.error({ err }, 'postgres client error'));
  });
  return {
    db: drizzlePg(pool, { schema }) as unknown as Db,
    backend: 'postgres',
    close: () => pool.end(),
  };
}

async function openPglite(target: Exclude<DatabaseTarget, { kind: 'postgres' }>): Promise<Database> {
  // Loaded only when used: PGlite's module alone costs about 40 MB, which a Postgres deployment should not carry.
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite')]);
  if (target.kind === 'pglite-instance') {
    return { db: drizzlePglite(target.client, { schema }) as unknown as Db, backend: 'pglite', close: () => target.client.close() };
  }
  if (target.dataDir === 'memory://') {
    const client = new PGlite();
    return { db: drizzlePglite(client, { schema }) as unknown as Db, backend: 'pglite', close: () => client.close() };
  }
  // V8 compiles PGlite's 9 MB of wasm twice: a quick baseline tier (Liftoff), then optimised code for hot functions,
  // in the background. The second tier competes with start-up for the CPU and stays resident (about 30 MB), while a
  // small team's queries run as fast on the baseline (measured: docs/benchmarks.md). The flag is process-wide and read
  // when wasm is compiled, so it is set before PGlite compiles; in-memory databases (tests) are left as they were.
  v8.setFlagsFromString('--liftoff-only');
  const dir = path.resolve(target.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const release = await lockDataDir(dir);
  let client: PGlite;
  try {
    await seedFromTemplate(dir);
    client = new PGlite(dir, { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] });
    await client.waitReady;
  } catch (err) {
    await release();
    throw err;
  }
  let closed = false;
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    backend: 'pglite',
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        await release();
      }
    },
  };
}

async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  try {
    // The lock is refreshed while we run; one left by a crashed process goes stale after 30 s and is taken over. PGlite
    // runs Postgres on this thread, so a first start's initdb blocks the refresh for seconds (far longer on a loaded
    // machine): with 10 s, a second process could take a live directory during it (seen in the suite under load).
    return await lockfile.lock(dir, { stale: 30_000, update: 5_000, realpath: false });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') {
      throw new AppError(
        'database_locked',
        `The embedded database in ${dir} is in use by another Rampart process. Stop it first, or set DATA_DIR to another directory (or DATABASE_URL to use Postgres).`,
      );
    }
    throw err;
  }
}
