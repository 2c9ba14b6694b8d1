// The intake over the directory mailbox (the sandbox's): a message core cannot record stays in the mailbox for the
// next pass without holding up the messages after it, and the pass then fails saying which message and why.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCore } from '../support/core.js';
import { openDirectoryMailbox } from '../../src/mail/directory-mailbox.js';
import { runIntake } from '../../src/mail/intake.js';
import type { Core } from '../../src/core/core.js';

let t: Awaited<ReturnType<typeof testCore>>;
let dir: string;
beforeEach(async () => {
  t = await testCore({ reviewRequired: [] });
  dir = await mkdtemp(join(tmpdir(), 'rampart-mailbox-'));
});
afterEach(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const mail = (subject: string, from: string) => `From: ${from}\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@x.example>\r\n\r\nhttps://${from.split('@')[1]}/login\r\n`;

describe('an intake pass', () => {
  it('leaves a message core cannot record in the mailbox, handles the others, and fails naming it', async () => {
    const mailbox = await openDirectoryMailbox(join(dir, 'mailbox'));
    // A fake in front of the real core: one mail's recording fails (a database constraint, a bug), the others go through.
    const core = {
      ...t.core,
      phishing: { ...t.core.phishing, report: (r: Parameters<Core['phishing']['report']>[0]) => (r.original.subject === 'Poison pill' ? Promise.reject(new Error('constraint broke')) : t.core.phishing.report(r)) },
    } as Core;
    for (const [i, m] of [mail('First lure here', 'a@one.example'), mail('Poison pill', 'b@two.example'), mail('Third lure here', 'c@three.example')].entries()) {
      const file = join(dir, `${i}.eml`);
      await writeFile(file, m);
      await mailbox.deliver(file);
    }
    await expect(runIntake(core, mailbox, undefined, { leftoverAfterMs: 0 })).rejects.toThrow(/^1 reported mail could not be handled \(first: .+\.eml\): constraint broke$/);
    expect(await readdir(join(dir, 'mailbox', 'new'))).toHaveLength(1);
    expect(await readdir(join(dir, 'mailbox', 'Rampart', 'Processed'))).toHaveLength(2);
    // Once core can record it, the next pass does.
    expect((await runIntake(t.core, mailbox)).map((r) => r.outcome)).toEqual(['opened']);
    expect(await readdir(join(dir, 'mailbox', 'new'))).toEqual([]);
  });
});
