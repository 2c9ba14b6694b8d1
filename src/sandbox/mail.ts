// `mail FILE` in the sandbox: a newcomer has no IMAP server, so the sandbox keeps a directory mailbox in its data
// folder (src/mail/directory-mailbox.ts, the same interface as the IMAP one). The file is delivered there and the
// same intake a deployment runs handles it; the transcript says which incident it opened or joined.
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '../core/index.js';
import { openDirectoryMailbox } from '../mail/directory-mailbox.js';
import { runIntake } from '../mail/intake.js';
import { LineError } from './line-errors.js';

/** Delivers the file to the mailbox under dir, runs the intake, and returns the transcript lines. */
export async function mailToSandbox(core: Core, dir: string, file: string): Promise<string[]> {
  const resolved = path.resolve(file);
  await access(resolved).catch(() => {
    throw new LineError(`no file ${file} (give the path of an .eml file, e.g. one saved from your mail client)`);
  });
  const mailbox = await openDirectoryMailbox(dir);
  await mailbox.deliver(resolved);
  // Only this sandbox reads its mailbox, so a mail handled before is moved aside at once (no other reader to race).
  const results = await runIntake(core, mailbox, undefined, { leftoverAfterMs: 0 });
  return results.map((r) => {
    switch (r.outcome) {
      case 'opened':
        return `· the report mailbox opened ${r.incident.ref}: ${r.incident.title} (the mail is ${r.evidence})`;
      case 'joined':
        return `· the report mailbox added the mail to ${r.incident.ref}, same campaign: ${r.incident.title} (the mail is ${r.evidence})`;
      case 'rejected':
        return `· the report mailbox set the mail aside: ${r.reason}`;
      case 'duplicate':
        return '· the report mailbox had already handled this mail';
    }
  });
}
