// `alert` in the sandbox: a real POST /api/v1/alerts to the sandbox's own bot, with the source it creates on first use.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSandbox } from '../../src/sandbox/sandbox.js';
import { listIncidents } from '../../src/core/incidents/queries.js';
import { parseLine } from '../../src/sandbox/script.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { MemoryOutput } from './memory-output.js';

let dir: string;
let database: TestDatabase;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-sandbox-alerts-'));
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
  await rm(dir, { recursive: true, force: true });
});

async function runScript(lines: string[]): Promise<{ code: number; text: string }> {
  const scriptFile = join(dir, 'script.txt');
  await writeFile(scriptFile, lines.join('\n'));
  const output = new MemoryOutput();
  const code = await runSandbox({ dataDir: join(dir, 'data'), scriptFile, output, fastForwardWaits: true, database });
  return { code, text: output.text };
}

describe('the alert line', () => {
  it('reads a severity, a quoted or bare title, and fields', () => {
    expect(parseLine('alert sev2 "Odd login" key=k1 url=https://x.example/a ioc=ipv4:203.0.113.7,domain:evil.example')).toEqual({
      kind: 'alert',
      body: { title: 'Odd login', severity: 'sev2', dedupe_key: 'k1', link: 'https://x.example/a', observables: [{ type: 'ipv4', value: '203.0.113.7' }, { type: 'domain', value: 'evil.example' }] },
    });
    expect(parseLine('alert Disk nearly full type=other')).toEqual({ kind: 'alert', body: { title: 'Disk nearly full', type: 'other' } });
    expect(() => parseLine('alert')).toThrow(/expected: alert/);
    expect(() => parseLine('alert "t" colour=red')).toThrow(/alert has no field "colour"/);
    expect(() => parseLine('alert "t" ioc=203.0.113.7')).toThrow(/ioc takes <type>:<value>/);
  });
});

describe('rampart sandbox: alert', () => {
  it('runs docs/examples/alerts.txt: opens a private incident, joins it with the same key, refuses a bad link', { timeout: 120_000 }, async () => {
    const lines = (await readFile('docs/examples/alerts.txt', 'utf8')).split('\n');
    const { code, text } = await runScript(lines);
    expect(text).toContain('✓ script finished');
    expect(code).toBe(0);
    expect(text).toContain('· alert source "sandbox" created for this run');
    expect(text).toMatch(/POST \/api\/v1\/alerts: HTTP 201, opened (INC-\d+) \(triage\)/);
    const ref = /opened (INC-\d+)/.exec(text)![1];
    expect(text).toContain(`POST /api/v1/alerts: HTTP 200, joined ${ref} (triage)`);
    expect(text).toMatch(/HTTP 400 invalid_field \[link\]: link must be an http or https URL, not ftp/);
    expect(text).toContain('Alert from sandbox (joined): Suspicious login for maria@, again');
    const incidents = await listIncidents(database.db, { all: true });
    expect(incidents.map((i) => [i.ref, i.private, i.severity])).toEqual([[ref, true, 'sev2']]);
    // A second run revokes the first run's source (its token is gone) and makes a new one.
    const again = await runScript(['alert "Another one"']);
    expect(again.code).toBe(0);
    expect(again.text).toMatch(/HTTP 201, opened INC-\d+/);
  });
});
