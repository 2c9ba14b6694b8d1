// The test database: PGlite in memory by default; with TEST_DATABASE_URL, a fresh Postgres database per call,
// dropped afterwards. The same tests run on both.
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';

/** The Postgres server URL for tests, when one is configured. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
/** Which backend this run tests. */
export const backend: 'postgres' | 'pglite' = TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** A migrated, empty database and its connection URL (Postgres only). */
export interface TestDatabase extends Database {
  url?: string;
}

// Starting PGlite costs 1-2 s, so a test file keeps one instance and each test gets a freshly migrated schema on it.
let sharedPglite: PGlite | undefined;

/** Creates a fresh, migrated database for one test (PGlite: a reset schema on the file's instance). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) {
    sharedPglite ??= new PGlite();
    // Dropping the schemas is the only way to empty an append-only timeline, and it is what a test wants.
    await sharedPglite.exec('drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;');
    const database = await openDatabase({ kind: 'pglite-instance', client: sharedPglite });
    return { ...database, close: async () => {} };
  }
  const url = await createPostgresDatabase();
  const database = await openDatabase({ kind: 'postgres', url, max: 5 });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await dropPostgresDatabase(url);
    },
  };
}

/** Creates an empty Postgres database next to TEST_DATABASE_URL's and returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const name = `rampart_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by createPostgresDatabase. */
export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The message of a database error, unwrapping drizzle's "Failed query" wrapper. */
export async function dbErrorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return e.cause?.message ?? e.message;
  }
  throw new Error('expected the database to refuse this statement, but it succeeded');
}

/** Runs fn with `count` replicas' databases: separate pools on one fresh Postgres database, dropped afterwards. */
export async function withReplicaDatabases<T>(count: number, fn: (replicas: Database[]) => Promise<T>): Promise<T> {
  const url = await createPostgresDatabase();
  const replicas: Database[] = [];
  try {
    while (replicas.length < count) replicas.push(await openDatabase({ kind: 'postgres', url, max: 3 }));
    return await fn(replicas);
  } finally {
    await Promise.all(replicas.map((d) => d.close()));
    await dropPostgresDatabase(url);
  }
}
