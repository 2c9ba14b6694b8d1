// What the benchmarks share: a core with every check out of the way (everyone a responder, nothing sensitive), and a
// scratch Postgres or PGlite database made for one run and removed after it, and the quantile every table reports.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createCore } from '../src/core/core.js';
import { systemClock } from '../src/core/clock.js';
import { DEFAULT_INCIDENT_TYPES } from '../src/core/incidents/incident-types.js';
import { loadLibrary } from '../src/core/playbooks/library.js';
import type { DatabaseTarget } from '../src/db/client.js';
import type { Database } from '../src/db/types.js';

/** A core on this database, as a benchmark needs it. */
export async function benchCore(database: Database, timezone = 'UTC') {
  return createCore({
    db: database.db,
    clock: systemClock,
    isResponder: async () => true,
    incidentTypes: DEFAULT_INCIDENT_TYPES,
    sensitiveTypes: [],
    timezone,
    playbooks: await loadLibrary(),
    reviewRequired: [],
    redactPatterns: [],
    admins: [],
  });
}

/** A new database named `prefix_<pid>` on the server at serverUrl, and a way to drop it. */
export async function scratchPostgres(serverUrl: string, prefix: string): Promise<{ target: DatabaseTarget & { kind: 'postgres' }; cleanup: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { target: { kind: 'postgres', url: url.toString() }, cleanup: () => admin(`drop database if exists ${name} with (force)`) };
}

/** A scratch embedded database in a temporary directory, removed by cleanup. */
export async function scratchPglite(prefix: string): Promise<{ target: DatabaseTarget & { kind: 'pglite' }; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
  return { target: { kind: 'pglite', dataDir: path.join(dir, 'data') }, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The q-quantile of a list of timings (nearest rank). */
export function quantile(list: readonly number[], q: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
