// The sandbox with the emulator enforcing Slack's rate limits: a call over its tier is refused with ratelimited, the
// transcript says so, and the bot's outbox gets the work done once the window has moved on (sandbox time, not real).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSandbox } from '../../src/sandbox/sandbox.js';
import { listIncidents } from '../../src/core/incidents/queries.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { MemoryOutput } from './memory-output.js';

let dir: string;
let database: TestDatabase;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-sandbox-'));
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
  await rm(dir, { recursive: true, force: true });
});

describe('rampart sandbox with rate limits', () => {
  it('shows a refused conversations.create, and the channel is made after the wait', async () => {
    const scriptFile = join(dir, 'script.txt');
    await writeFile(scriptFile, ['/incident declare First --sev4', '/incident declare Second --sev4', 'wait 2m'].join('\n'));
    const output = new MemoryOutput();
    // One channel a minute, so the second declare's channel waits a window.
    const code = await runSandbox({ dataDir: join(dir, 'data'), scriptFile, output, database, fastForwardWaits: true, rateLimits: { perMinute: { tier2: 1 } } });
    expect(code).toBe(0);
    expect(output.text).toContain("! the bot's call to conversations.create failed: ratelimited");
    const incidents = await listIncidents(database.db, { all: true });
    expect(incidents.map((i) => [i.ref, i.channelId !== null]).sort()).toEqual([
      ['INC-1', true],
      ['INC-2', true],
    ]);
  });
});
