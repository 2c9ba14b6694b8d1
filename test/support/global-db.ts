// Vitest global set-up: migrate once per run, so no test file pays for the migrations. On PGlite, a migrated data
// directory is dumped to a file each test file loads (about a third of a fresh PGlite's start); on Postgres, a migrated
// template database each test file copies. Either way, the dump is also unpacked into an on-disk DATA_DIR that tests of
// the CLI and the sandbox copy (test/support/data-dir.ts) instead of running initdb and the migrations. Teardown
// removes them all, and any database a file copied from the template.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory (a tarball), for PGlite runs. */
    pgliteDump: string;
    /** A migrated template database on TEST_DATABASE_URL's server, for Postgres runs. */
    postgresTemplate: string;
    /** A migrated on-disk DATA_DIR (PGlite under its pglite/ folder), in both runs; copy it with copyMigratedDataDir. */
    pgliteDataDir: string;
  }
}

const url = process.env.TEST_DATABASE_URL || undefined;

/** Prepares the migrated databases the test files copy. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rampart-test-db-'));
  // The Postgres template is made by the server while PGlite migrates here, so the two overlap.
  const [dump, dropTemplate] = await Promise.all([migratedPgliteDump(dir), url ? postgresTemplate(project) : undefined]);
  project.provide('pgliteDump', url ? '' : dump);
  if (!url) project.provide('postgresTemplate', '');
  project.provide('pgliteDataDir', await unpackedDataDir(dump, path.join(dir, 'data')));
  return async () => {
    await dropTemplate?.();
    await rm(dir, { recursive: true, force: true });
  };
}

/** Migrates an in-memory PGlite and dumps its data directory (a tarball) into dir. */
async function migratedPgliteDump(dir: string): Promise<string> {
  const client = new PGlite();
  const database = await openDatabase({ kind: 'pglite-instance', client });
  const dump = path.join(dir, 'migrated.tar');
  await writeFile(dump, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  await database.close();
  return dump;
}

/**
 * The dump unpacked as DATA_DIR/pglite, where src/db/client.ts opens PGlite. The tarball is the Postgres data directory
 * itself (PGlite's loadDataDir only unpacks it too), so unpacking takes a moment where PGlite's initdb takes seconds.
 */
async function unpackedDataDir(dump: string, dataDir: string): Promise<string> {
  await mkdir(path.join(dataDir, 'pglite'), { recursive: true });
  await promisify(execFile)('tar', ['-xf', dump, '-C', path.join(dataDir, 'pglite')]);
  return dataDir;
}

/** Makes the migrated template database; returns what drops it and the databases copied from it. */
async function postgresTemplate(project: TestProject): Promise<() => Promise<void>> {
  const template = `rampart_tpl_${process.pid}`;
  await admin((c) => c.query(`create database ${template}`));
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(template), max: 1 });
  await database.close();
  // Only an idle template can be copied; nobody else may connect to it.
  await admin((c) => c.query(`alter database ${template} with allow_connections false`));
  project.provide('postgresTemplate', template);
  return () =>
    admin(async (c) => {
      const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`rampart_f_${process.pid}_%`]);
      for (const { datname } of rows) await c.query(`drop database if exists ${datname} with (force)`);
      await c.query(`alter database ${template} with allow_connections true`);
      await c.query(`drop database if exists ${template} with (force)`);
    });
}

/** TEST_DATABASE_URL with another database name. */
export function databaseUrl(name: string): string {
  const u = new URL(url!);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
