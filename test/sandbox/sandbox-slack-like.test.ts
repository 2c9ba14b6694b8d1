// What a person does in Slack reaches the bot as Slack would send it: a pasted decoy credential arrives as a message
// event and trips; time passing with `wait` brings the weekly tip and the digest; DATABASE_URL is where data goes.
// The first two share the file's test database and let the bot's pacing waits move the sandbox clock, not pass.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSandbox } from '../../src/sandbox/sandbox.js';
import { openDatabase } from '../../src/db/client.js';
import { listIncidents } from '../../src/core/incidents/queries.js';
import { PASTED_KEY_WARNING } from '../../src/slack/blocks/decoy.js';
import { createPostgresDatabase, createTestDatabase, dropPostgresDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/db.js';
import { MemoryOutput } from './memory-output.js';

let dir: string;
let database: TestDatabase;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-sandbox-slack-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

/** Minutes from now until a minute past the next Monday 09:00 UTC (the default tip slot; the digest's is 08:00). */
function minutesToMondayMorning(now = Date.now()): number {
  const d = new Date(now);
  const days = (8 - d.getUTCDay()) % 7 || 7;
  const target = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days, 9, 1);
  return Math.ceil((target - now) / 60_000);
}

describe('the sandbox acts as Slack does', () => {
  it('delivers a said message to the bot, so a pasted decoy credential trips and opens an incident', { timeout: 120_000 }, async () => {
    const input = new PassThrough();
    const output = new MemoryOutput();
    const run = runSandbox({ dataDir: join(dir, 'decoy'), input, output, database, fastForwardWaits: true });
    input.write('/decoy register ci-token credential\n');
    const [, credential] = await output.until(/Plant this fake credential: `([^`]+)`/);
    input.write(`say here is the deploy key ${credential!}\n`);
    await output.until(/declared · \*SEV2\*/);
    input.end('exit\n');
    expect(await run).toBe(0);
    expect(output.text).toContain(`(only visible to you) rampart: ${PASTED_KEY_WARNING}`);
    expect(output.text).toMatch(/\[#incidents\] rampart: :rotating_light: \*INC-1\* declared · \*SEV2\* · private/);
  });

  it('runs the weekly tip and the digest when `wait` passes their slot, as the scheduler would', { timeout: 120_000 }, async () => {
    const scriptFile = join(dir, 'wait.txt');
    await writeFile(scriptFile, `/incident declare Odd mail --sev4\nwait ${minutesToMondayMorning()}m\n`);
    const output = new MemoryOutput();
    expect(await runSandbox({ dataDir: join(dir, 'wait'), scriptFile, output, database, fastForwardWaits: true })).toBe(0);
    expect(output.text).toMatch(/\[#staff\] rampart: == 🛡️ /);
    expect(output.text).toMatch(/\[#incidents\] rampart: == Weekly incident digest ==/);
  });

  it.skipIf(!TEST_DATABASE_URL)('keeps its data in the Postgres database of DATABASE_URL', { timeout: 120_000 }, async () => {
    const url = await createPostgresDatabase();
    try {
      const scriptFile = join(dir, 'pg.txt');
      await writeFile(scriptFile, '/incident declare On Postgres --sev4\n');
      const output = new MemoryOutput();
      expect(await runSandbox({ dataDir: join(dir, 'pg'), databaseUrl: url, scriptFile, output, fastForwardWaits: true })).toBe(0);
      expect(output.text).toContain('Data is kept in the Postgres database of DATABASE_URL');
      expect(output.text).not.toContain(url);
      const database = await openDatabase({ kind: 'postgres', url });
      try {
        expect((await listIncidents(database.db, { all: true })).map((i) => i.title)).toEqual(['On Postgres']);
      } finally {
        await database.close();
      }
    } finally {
      await dropPostgresDatabase(url);
    }
  });
});
