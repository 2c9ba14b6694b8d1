// Vitest global set-up: migrate once per run, so no test file pays for the migrations. On PGlite, a migrated data
// directory is dumped to a file each test file loads (about a third of a fresh PGlite's start); on Postgres, a migrated
// template database each test file copies. Teardown removes both, and any database a file copied from the template.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
  }
}

const url = process.env.TEST_DATABASE_URL || undefined;

/** Prepares the migrated database the test files copy. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (url) {
    const template = `rampart_tpl_${process.pid}`;
    await admin((c) => c.query(`create database ${template}`));
    const database = await openDatabase({ kind: 'postgres', url: databaseUrl(template), max: 1 });
    await database.close();
    // Only an idle template can be copied; nobody else may connect to it.
    await admin((c) => c.query(`alter database ${template} with allow_connections false`));
    project.provide('postgresTemplate', template);
    project.provide('pgliteDump', '');
    return async () => {
      await admin(async (c) => {
        const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`rampart_f_${process.pid}_%`]);
        for (const { datname } of rows) await c.query(`drop database if exists ${datname} with (force)`);
        await c.query(`alter database ${template} with allow_connections true`);
        await c.query(`drop database if exists ${template} with (force)`);
      });
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'rampart-test-db-'));
  const client = new PGlite();
  const database = await openDatabase({ kind: 'pglite-instance', client });
  const dump = path.join(dir, 'migrated.tar');
  await writeFile(dump, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  await database.close();
  project.provide('pgliteDump', dump);
  project.provide('postgresTemplate', '');
  return () => rm(dir, { recursive: true, force: true });
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
