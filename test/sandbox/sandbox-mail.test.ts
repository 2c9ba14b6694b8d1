// The sandbox's `mail FILE` line: a real phishing mail dropped in the sandbox's own report mailbox opens a phishing
// incident (announced in #incidents), a second of the same campaign joins it, the same mail again is handled once,
// and a malformed one is set aside with its reason.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSandbox } from '../../src/sandbox/sandbox.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { havePhishingCorpus, PHISHING_CORPUS } from '../support/mail.js';
import { MemoryOutput } from './memory-output.js';

let dir: string;
let database: TestDatabase;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-sandbox-mail-'));
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!havePhishingCorpus('the sandbox `mail` line'))('the sandbox `mail` line', () => {
  it('opens an incident from a mail, joins its campaign, handles each mail once, sets a malformed one aside', { timeout: 120_000 }, async () => {
    const junk = join(dir, 'junk.eml');
    await writeFile(junk, 'Subject: no sender\r\n\r\nnothing\r\n');
    const scriptFile = join(dir, 'mail.txt');
    await writeFile(
      scriptFile,
      [`mail ${join(PHISHING_CORPUS, 'sample-2989.eml')}`, `mail ${join(PHISHING_CORPUS, 'sample-3013.eml')}`, `mail ${join(PHISHING_CORPUS, 'sample-2989.eml')}`, `mail ${junk}`, 'in #incidents'].join('\n'),
    );
    const output = new MemoryOutput();
    const dataDir = join(dir, 'data');
    expect(await runSandbox({ dataDir, scriptFile, output, database, fastForwardWaits: true })).toBe(0);
    const text = output.text;
    expect(text).toMatch(/· the report mailbox opened INC-1: Reported phishing: "Rodrigo F P, seja Bem-vindo\(a\) ao Bradesco Prime" from contato@bradesco\.com\.br \(the mail is EV-1\)/);
    expect(text).toMatch(/· the report mailbox added the mail to INC-1, same campaign: .* \(the mail is EV-2\)/);
    expect(text).toContain('· the report mailbox had already handled this mail');
    expect(text).toMatch(/· the report mailbox set the mail aside: No sender address/);
    // Announced like any incident; Rampart reported it, so no Slack person is invited or told.
    expect(text).toMatch(/\[#incidents\] rampart: :rotating_light: \*INC-1\* declared · \*SEV3\*/);
    expect(text).not.toMatch(/conversations\.invite failed/);
    expect(await readdir(join(dataDir, 'mailbox', 'new'))).toEqual([]);
    expect(await readdir(join(dataDir, 'mailbox', 'Rampart', 'Processed'))).toHaveLength(3);
    expect(await readdir(join(dataDir, 'mailbox', 'Rampart', 'Rejected'))).toHaveLength(1);
  });

  it('says so when the file does not exist', { timeout: 120_000 }, async () => {
    const scriptFile = join(dir, 'missing.txt');
    await writeFile(scriptFile, `mail ${join(dir, 'nope.eml')}\n`);
    const output = new MemoryOutput();
    await runSandbox({ dataDir: join(dir, 'data2'), scriptFile, output, database, fastForwardWaits: true });
    expect(output.text).toContain(`no file ${join(dir, 'nope.eml')}`);
  });
});
