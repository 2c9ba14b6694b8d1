// The report row: one incident of 10,000 events seeded on a copy of the template database (bench/seed.ts), then its
// Markdown and JSON reports rendered by bench/report-case.ts, each in a fresh process, once per round, alternating.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openDatabase } from '../../src/db/client.js';
import { seedIncident } from '../seed.js';
import type { Databases } from './databases.js';

const run = promisify(execFile);
const EVENTS = 10_000;

/** Milliseconds from asking for the report to its last byte, per round. */
export interface ReportTimes {
  md: number[];
  json: number[];
}

/** Seeds the incident, renders both formats `rounds` times, and drops the database. */
export async function reportTimes(databases: Databases, rounds: number): Promise<ReportTimes> {
  const url = await databases.copy('report');
  try {
    const database = await openDatabase({ kind: 'postgres', url, statementTimeoutMs: 600_000 });
    await seedIncident(database, 1, EVENTS);
    await database.close();
    const times: ReportTimes = { md: [], json: [] };
    for (let round = 0; round < rounds; round += 1) {
      for (const format of ['md', 'json'] as const) times[format].push(await renderMs(url, format));
    }
    return times;
  } finally {
    await databases.drop(url);
  }
}

async function renderMs(url: string, format: 'md' | 'json'): Promise<number> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/report-case.ts', url, '1', format], { maxBuffer: 1 << 20 });
  return (JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number }).ms;
}
