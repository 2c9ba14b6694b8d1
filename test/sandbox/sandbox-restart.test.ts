// A used data directory: the example scripts run again without touching what they did not create, and the sandbox's
// people and clock come back after a restart, so the bot's stored ids and times stay right.
// The examples share the file's test database across their runs (the people and channels still go through
// sandbox-state.json in DATA_DIR); the restart itself closes and reopens a real embedded database in DATA_DIR.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSandbox } from '../../src/sandbox/sandbox.js';
import { openDatabase } from '../../src/db/client.js';
import type { Database } from '../../src/db/types.js';
import { listIncidents } from '../../src/core/incidents/queries.js';
import { listEvents } from '../../src/core/timeline/queries.js';
import { createTestDatabase } from '../support/db.js';
import { copyMigratedDataDir } from '../support/data-dir.js';
import { MemoryOutput } from './memory-output.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-sandbox-restart-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs lines in the sandbox on dataDir; on `database` when given, else on the embedded database in dataDir. */
async function runLines(dataDir: string, lines: string[], database?: Database): Promise<{ code: number; text: string }> {
  const scriptFile = join(dir, 'script.txt');
  await writeFile(scriptFile, lines.join('\n'));
  const output = new MemoryOutput();
  const code = await runSandbox({ dataDir, scriptFile, output, logLevel: 'info', fastForwardWaits: true, ...(database ? { database } : {}) });
  return { code, text: output.text };
}

async function withDatabase<T>(dataDir: string, fn: (db: Database['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

// The weekly digest lists every incident of the week, the user's own among them, whenever an example's `wait` crosses
// Monday 08:00 (the examples run on today's date): reading INC-1 there is not touching it.
function withoutDigests(text: string): string {
  return text.replace(/^\[#[^\]]+\] rampart: == Weekly incident digest ==\n(?: {4}.*\n?)*/gm, '');
}

const EXAMPLES = ['phishing-playbook', 'awareness', 'decoys', 'review-and-report'];

describe('the sandbox on a used data directory', () => {
  it('runs every example script twice in a row, never touching the incident the user already had', { timeout: 600_000 }, async () => {
    const data = join(dir, 'examples');
    const database = await createTestDatabase();
    try {
      const { db } = database;
      const own = await runLines(data, ['/incident declare My own closed incident --sev4', 'in #inc-1', '/incident status INC-1 resolved', '/incident status INC-1 closed'], database);
      expect(own.code).toBe(0);
      const before = (await listEvents(db, (await listIncidents(db, { all: true }))[0]!.id)).length;
      for (const round of [1, 2]) {
        for (const name of EXAMPLES) {
          const lines = (await readFile(`docs/examples/${name}.txt`, 'utf8')).split('\n');
          const { code, text } = await runLines(data, lines, database);
          expect({ round, name, code, tail: text.slice(-300) }).toMatchObject({ code: 0 });
          expect(withoutDigests(text)).not.toMatch(/INC-1\b/);
        }
      }
      const incidents = await listIncidents(db, { all: true });
      const inc1 = incidents.find((i) => i.ref === 'INC-1')!;
      expect(inc1.status).toBe('closed');
      expect(await listEvents(db, inc1.id)).toHaveLength(before);
      // phishing, decoys and review-and-report each made their own incident, twice.
      expect(incidents).toHaveLength(7);
    } finally {
      await database.close();
    }
  });

  describe('across a restart on the embedded database in DATA_DIR', () => {
    const data = () => join(dir, 'restart');
    let first: { code: number; text: string };
    let second: { code: number; text: string };
    beforeAll(async () => {
      await copyMigratedDataDir(data());
      first = await runLines(data(), ['as alice', '/incident declare Lost laptop --sev3', 'wait 3h']);
      second = await runLines(data(), ['as alice', 'in #inc-1', '/incident note found it in the car']);
    }, 120_000);

    it('keeps people under the same ids and never moves the clock back across a restart', async () => {
      expect(first.code).toBe(0);
      expect(second.code).toBe(0);
      await withDatabase(data(), async (db) => {
        const [inc] = await listIncidents(db, { all: true });
        const events = await listEvents(db, inc!.id);
        const declared = events.find((e) => e.kind === 'incident_declared')!;
        const note = events.find((e) => e.kind === 'note_added')!;
        // The same alice: the reporter of the first run wrote the note of the second.
        expect(note.actor).toBe(inc!.reporterId);
        // The 3 hours waited in the first run are not lost: the note comes after them.
        expect(note.occurredAt.getTime() - declared.occurredAt.getTime()).toBeGreaterThanOrEqual(3 * 3_600_000);
      });
      const state = JSON.parse(await readFile(join(data(), 'sandbox-state.json'), 'utf8')) as { users: { id: string; name: string }[] };
      expect(state.users.filter((u) => u.name === 'alice')).toHaveLength(1);
    });

    it('writes the bot\'s log to sandbox.log in the data directory, never into the transcript', async () => {
      expect(first.text).not.toContain('"level"');
      expect(second.text).not.toContain('"level"');
      expect(await readFile(join(data(), 'sandbox.log'), 'utf8')).toContain('Rampart is listening');
    });
  });
});
