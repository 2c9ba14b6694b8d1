// One pass over the report mailbox: each waiting message is parsed, handed to core (which opens or joins an incident,
// or records the rejection, once), then moved aside by the replica that handled it. Core commits before the move, so
// a crash in between leaves the message to be read again: core says it was handled before, and when, and a message
// handled more than LEFTOVER_AFTER_MS ago is a leftover that is moved now. One handled moments ago is being moved by
// the replica that handled it; moving it here too would race that move (an IMAP session still sees a message another
// session moved until it syncs, so both moves could copy it).
import type { Core } from '../core/index.js';
import type { Logger } from '../log.js';
import type { ReportMailbox } from './mailbox.js';
import { parseReport } from './parse.js';

/** What happened to one message. */
export type IntakeResult =
  | { key: string; outcome: 'opened' | 'joined'; incident: { id: number; ref: string; title: string }; evidence: string }
  | { key: string; outcome: 'rejected'; reason: string }
  | { key: string; outcome: 'duplicate' };

/** How long after it was handled a message still in the mailbox counts as left behind (its handler stopped before moving it). */
export const LEFTOVER_AFTER_MS = 5 * 60_000;

/** How many messages one pass reads at most (the next pass reads the rest). */
export const BATCH = 50;

/** Handles every message waiting in the mailbox (up to BATCH) and moves each aside; leftoverAfterMs 0 suits a mailbox only this process reads. */
export async function runIntake(core: Core, mailbox: ReportMailbox, logger?: Logger, opts: { leftoverAfterMs?: number } = {}): Promise<IntakeResult[]> {
  const leftOver = (handledAt: Date) => core.now().getTime() - handledAt.getTime() >= (opts.leftoverAfterMs ?? LEFTOVER_AFTER_MS);
  const results: IntakeResult[] = [];
  for (const message of await mailbox.waiting(BATCH)) {
    const parsed = await parseReport(message.raw, { mailbox: mailbox.name, uidKey: message.key });
    if ('rejection' in parsed) {
      const rejected = await core.phishing.reject(parsed.rejection);
      if (rejected.outcome === 'duplicate') {
        if (leftOver(rejected.handledAt)) await mailbox.moveAside(message, 'rejected');
        results.push({ key: message.key, outcome: 'duplicate' });
        continue;
      }
      logger?.warn({ mailbox: mailbox.name, key: message.key, reason: parsed.rejection.reason }, 'reported mail rejected');
      await mailbox.moveAside(message, 'rejected');
      results.push({ key: message.key, outcome: 'rejected', reason: parsed.rejection.reason });
      continue;
    }
    const done = await core.phishing.report(parsed.report);
    if (done.outcome === 'duplicate') {
      if (leftOver(done.handledAt)) await mailbox.moveAside(message, 'processed');
      results.push({ key: message.key, outcome: 'duplicate' });
      continue;
    }
    await mailbox.moveAside(message, 'processed');
    const { incident } = done;
    logger?.info({ mailbox: mailbox.name, key: message.key, incident: incident.ref, outcome: done.outcome }, 'reported mail handled');
    results.push({ key: message.key, outcome: done.outcome, incident: { id: incident.id, ref: incident.ref, title: incident.title }, evidence: done.evidence });
  }
  return results;
}

