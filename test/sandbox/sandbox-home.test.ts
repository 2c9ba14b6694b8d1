// The sandbox's `home` line: the App Home opened as the current user and printed as they would read it, with its
// buttons clickable by `click` (Declare incident opens the declare modal).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSandbox } from '../../src/sandbox/sandbox.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { MemoryOutput } from './memory-output.js';

let dir: string;
let database: TestDatabase;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-sandbox-home-'));
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the sandbox `home` line', () => {
  it('prints the Home tab and clicks its buttons', { timeout: 120_000 }, async () => {
    const scriptFile = join(dir, 'home.txt');
    await writeFile(scriptFile, ['/incident declare Odd mail --sev4 --public', 'home', 'click Declare incident', 'cancel', 'as alice', 'home'].join('\n'));
    const output = new MemoryOutput();
    expect(await runSandbox({ dataDir: join(dir, 'data'), scriptFile, output, database, fastForwardWaits: true })).toBe(0);
    const [mine, alices] = output.text.split('alice in #general> home').map((part) => part.slice(part.lastIndexOf('┌─ Home tab')));
    expect(mine).toContain('┌─ Home tab of @you\n│ == Rampart: security incidents ==\n│ [ Declare incident ]  [ Report something suspicious ]\n');
    expect(mine).toMatch(/│ \*INC-1\* · SEV4 · triage · Odd mail · #inc-1-odd-mail\n│ _You: [^\n]*reporter_/);
    expect(output.text).toMatch(/you in #general> click Declare incident\n┌─ Modal: Declare/);
    expect(alices).toContain('*Your open incidents (0)*');
    expect(alices).toContain('*INC-1* · SEV4 · triage · Odd mail');
  });

  it('runs docs/examples/app-home.txt: the commander’s Home tab shows her role, and the change after it', { timeout: 120_000 }, async () => {
    const scriptFile = join(dir, 'example.txt');
    await writeFile(scriptFile, await readFile('docs/examples/app-home.txt', 'utf8'));
    const output = new MemoryOutput();
    expect(await runSandbox({ dataDir: join(dir, 'example'), scriptFile, output, database, fastForwardWaits: true })).toBe(0);
    const homes = output.text.split('alice in #general> home').slice(1).map((part) => part.slice(0, part.indexOf('└─')));
    expect(homes).toHaveLength(2);
    expect(homes[0]).toMatch(/\*INC-\d+\* · SEV3 · triage · Odd invoice from a new supplier[^\n]*\n│ _You: commander_/);
    expect(homes[1]).toMatch(/\*INC-\d+\* · SEV3 · investigating · Odd invoice from a new supplier[^\n]*\n│ _You: commander_/);
  });
});
