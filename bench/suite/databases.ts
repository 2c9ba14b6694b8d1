// The suite's Postgres databases, all named `harness_<pid>_…` so they are recognisably its own: one migrated
// template per run, and a copy of it for each round (Postgres copies a template in well under a second), so every
// round starts from the same empty, migrated database. PGlite rounds get a temporary DATA_DIR instead.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/db/client.js';

/** Runs one statement on the server's maintenance connection. */
async function admin<T extends pg.QueryResultRow>(serverUrl: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the server at serverUrl. */
function urlOf(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The run's databases: a migrated template, copies of it, and one cleanup that drops them all. */
export interface Databases {
  /** A new database copied from the template; its URL. */
  copy(label: string): Promise<string>;
  /** Drops a copy (forcing its connections closed). */
  drop(url: string): Promise<void>;
  /** Drops every database this run made. */
  cleanup(): Promise<void>;
}

/** Creates and migrates the run's template database. */
export async function runDatabases(serverUrl: string): Promise<Databases> {
  const prefix = `harness_${process.pid}`;
  const made = new Set<string>();
  const create = async (name: string, template?: string) => {
    await admin(serverUrl, `create database ${name}${template ? ` template ${template}` : ''}`);
    made.add(name);
    return urlOf(serverUrl, name);
  };
  const dropByName = async (name: string) => {
    made.delete(name);
    await admin(serverUrl, `drop database if exists ${name} with (force)`);
  };
  const template = `${prefix}_template`;
  const database = await openDatabase({ kind: 'postgres', url: await create(template) });
  await database.close();
  let cleanedUp: Promise<void> | undefined;
  return {
    copy: (label) => create(`${prefix}_${label}`, template),
    drop: (url) => dropByName(new URL(url).pathname.slice(1)),
    // Once, however often asked (an interrupt and the run's own end may both ask); one failed drop stops no other.
    cleanup: () =>
      (cleanedUp ??= (async () => {
        for (const name of [...made].reverse()) await dropByName(name).catch((err: Error) => console.error(`could not drop ${name}: ${err.message}`));
      })()),
  };
}

/** The server's version, e.g. "15.14". */
export async function postgresVersion(serverUrl: string): Promise<string> {
  const rows = await admin<{ server_version: string }>(serverUrl, 'show server_version');
  return rows[0]!.server_version.split(' ')[0]!;
}

/** A temporary DATA_DIR for an embedded-database round, and a way to remove it. */
export async function pgliteDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'harness-pglite-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
