// The test database: PGlite in memory by default; with TEST_DATABASE_URL, Postgres. The same tests run on both.
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { readFile } from 'node:fs/promises';
import { expect, inject } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import type { Database } from '../../src/db/types.js';

/** The Postgres server URL for tests, when one is configured. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
/** Which backend this run tests. */
export const backend: 'postgres' | 'pglite' = TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** A migrated, empty database and its connection URL (Postgres only). Closing it closes its connections only. */
export interface TestDatabase extends Database {
  url?: string;
}

// Migrations run once per run (test/support/global-db.ts). Each test file copies the migrated database once (PGlite:
// loads the dumped data directory; Postgres: a database made from the template) and each test after the first gets it
// emptied by truncation, which takes milliseconds where re-migrating took a second. A test that changed the schema
// (renamed a table) gets a fresh copy instead.
let sharedPglite: PGlite | undefined;
let fileDatabaseUrl: string | undefined;
/** Whether the file's copy has been handed to a test since it was last emptied, and whether it is still open. */
let used = false;
let handedOut = false;
/** The public tables of a fresh copy, to notice a test that changed them. */
let freshTables: string | undefined;

/**
 * A migrated, empty database for one test: the test file's copy, emptied. While that copy is open (a file-wide bot, or
 * a test that wants two databases at once) the caller gets a copy of its own, closed or dropped with it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (usedAfterClose.size > 0) throw new Error(`left running after its test file ended, something kept using the test database: ${[...usedAfterClose].join(', ')}`);
  if (handedOut) return ownCopy();
  handedOut = true;
  const release = () => {
    handedOut = false;
  };
  if (!TEST_DATABASE_URL) {
    if (!sharedPglite || (used && !(await emptied(pgliteSession(sharedPglite))))) {
      await sharedPglite?.close();
      sharedPglite = await loadMigratedPglite();
      freshTables = await tablesOf(pgliteSession(sharedPglite));
    }
    used = true;
    const client = sharedPglite;
    // The copy outlives this handle (the next test gets it emptied), so the handle is revoked on close: anything the
    // test left running (an outbox worker, a retry timer) fails on its next query instead of working on the next
    // test's rows.
    const handle = revocable(client);
    const database = await openDatabase({ kind: 'pglite-instance', client: handle.client });
    return withEmptying(
      {
        ...database,
        close: async () => {
          handle.revoke();
          release();
        },
      },
      () => emptied(pgliteSession(client)),
    );
  }
  if (!fileDatabaseUrl || (used && !(await withClient(fileDatabaseUrl, (c) => emptied(postgresSession(c)))))) {
    if (fileDatabaseUrl) await dropPostgresDatabase(fileDatabaseUrl);
    fileDatabaseUrl = await copyTemplate();
    freshTables = await withClient(fileDatabaseUrl, (c) => tablesOf(postgresSession(c)));
  }
  used = true;
  const url = fileDatabaseUrl;
  return withEmptying(await openPostgres(url, async () => release()), () => withClient(url, (c) => emptied(postgresSession(c))));
}

/** How to empty each open database handed out, for a file-wide bot between tests. */
const emptiers = new WeakMap<TestDatabase, () => Promise<boolean>>();

function withEmptying(database: TestDatabase, empty: () => Promise<boolean>): TestDatabase {
  emptiers.set(database, empty);
  return database;
}

/**
 * Empties a database from createTestDatabase while it stays open (every table truncated, sequences restarted), as the
 * next createTestDatabase would, for a bot that serves a whole test file or describe block. Throws when the schema changed or a connection
 * still holds a lock: a test that needs either gets its own bot.
 */
export async function emptyTestDatabase(database: TestDatabase): Promise<void> {
  const empty = emptiers.get(database);
  if (!empty) throw new Error('emptyTestDatabase: only a database from createTestDatabase can be emptied in place');
  if (!(await empty())) throw new Error('emptyTestDatabase: the schema changed or a connection holds a lock; give this test its own bot');
}

/** A database of the caller's own, from the migrated copy: closed (PGlite) or dropped (Postgres) with it. */
async function ownCopy(): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) {
    const client = await loadMigratedPglite();
    return withEmptying(await openDatabase({ kind: 'pglite-instance', client }), () => emptied(pgliteSession(client)));
  }
  const url = await copyTemplate();
  return withEmptying(await openPostgres(url, () => dropPostgresDatabase(url)), () => withClient(url, (c) => emptied(postgresSession(c))));
}

/** A pool on the database at url; closing it closes the pool, then runs afterClose. */
async function openPostgres(url: string, afterClose: () => Promise<void>): Promise<TestDatabase> {
  const database = await openDatabase({ kind: 'postgres', url, max: 5 });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await afterClose();
    },
  };
}

/** Test files whose database was used after they closed it (see revocable). */
const usedAfterClose = new Set<string>();

/**
 * A stand-in for client that refuses to work once revoked, and remembers who opened it: the next createTestDatabase
 * in this worker then fails naming that file, instead of a later test failing now and then for no reason of its own.
 * (Methods run on the real client: PGlite has private fields.)
 */
function revocable(client: PGlite): { client: PGlite; revoke: () => void } {
  const opener = expect.getState().testPath ?? 'a test file';
  let revoked = false;
  const proxy = new Proxy(client, {
    get(target, key) {
      if (revoked && key !== 'then') {
        usedAfterClose.add(opener);
        throw new Error(`the test database was used after ${opener} closed it`);
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { client: proxy, revoke: () => (revoked = true) };
}

async function loadMigratedPglite(): Promise<PGlite> {
  return PGlite.create({ loadDataDir: new Blob([await readFile(inject('pgliteDump'))]) });
}

/** The two things a reset does with a connection. */
interface Session {
  exec(sql: string): Promise<unknown>;
  rows<T>(sql: string): Promise<T[]>;
}

const pgliteSession = (c: PGlite): Session => ({ exec: (q) => c.exec(q), rows: async <T>(q: string) => (await c.query<T>(q)).rows });
const postgresSession = (c: pg.Client): Session => ({ exec: (q) => c.query(q), rows: async <T>(q: string) => (await c.query(q)).rows as T[] });

async function tablesOf(s: Session): Promise<string> {
  const [row] = await s.rows<{ t: string | null }>(`select string_agg(tablename, ',' order by tablename) as t from pg_tables where schemaname = 'public'`);
  return row?.t ?? '';
}

/**
 * Empties every public table and restarts their sequences; false when the schema is not the fresh one (the caller
 * makes a new copy). DELETE rather than TRUNCATE: a test leaves a few rows, and on PGlite deleting them takes a tenth of
 * the time truncating 22 tables does (2 ms against 25, before each of some 1,500 tests). The append-only triggers and
 * the foreign keys' triggers are bypassed for these statements only (session_replication_role, which only a superuser
 * may set: the test server's role and PGlite's are), so the order of the deletes does not matter.
 */
async function emptied(s: Session): Promise<boolean> {
  const tables = await tablesOf(s);
  if (tables !== freshTables || tables === '') return false;
  try {
    await s.exec(`set lock_timeout = '5s'; set session_replication_role = replica;
      ${tables.split(',').map((t) => `delete from public."${t}";`).join(' ')}
      select setval(c.oid::regclass, 1, false) from pg_class c where c.relkind = 'S' and c.relnamespace = 'public'::regnamespace;
      set session_replication_role = default; reset lock_timeout;`);
    return true;
  } catch {
    // A connection a test left open holds a lock: a new copy is quicker than waiting.
    return false;
  }
}

/** A new database copied from the run's migrated template. */
async function copyTemplate(): Promise<string> {
  const template = inject('postgresTemplate');
  const name = `${template.replace('rampart_tpl_', 'rampart_f_')}_${process.pid}_${randomBytes(3).toString('hex')}`;
  await withAdmin((c) => c.query(`create database ${name} template ${template}`));
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
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

function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  return withClient(TEST_DATABASE_URL!, fn);
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
