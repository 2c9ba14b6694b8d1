// One pass over the report mailbox: each waiting message is parsed, handed to core (which opens or joins an incident,
// or records the rejection, once), then moved aside. Core commits before the move, so a crash in between leaves the
// message to be read again, and core's claim turns that second reading into a no-op before it is moved.
import type { Core } from '../core/index.js';
import type { Logger } from '../log.js';
import type { ReportMailbox } from './mailbox.js';
import { parseReport } from './parse.js';

/** What happened to one message. */
export type IntakeResult =
  | { key: string; outcome: 'opened' | 'joined'; incident: { id: number; ref: string; title: string }; evidence: string }
  | { key: string; outcome: 'rejected'; reason: string }
  | { key: string; outcome: 'duplicate' };

/** How many messages one pass reads at most (the next pass reads the rest). */
export const BATCH = 50;

/** Handles every message waiting in the mailbox (up to BATCH) and moves each aside. */
export async function runIntake(core: Core, mailbox: ReportMailbox, logger?: Logger): Promise<IntakeResult[]> {
  const results: IntakeResult[] = [];
  for (const message of await mailbox.waiting(BATCH)) {
    const parsed = await parseReport(message.raw, { mailbox: mailbox.name, uidKey: message.key });
    if ('rejection' in parsed) {
      const { outcome } = await core.phishing.reject(parsed.rejection);
      logger?.warn({ mailbox: mailbox.name, key: message.key, reason: parsed.rejection.reason }, 'reported mail rejected');
      await mailbox.moveAside(message, 'rejected');
      results.push(outcome === 'rejected' ? { key: message.key, outcome, reason: parsed.rejection.reason } : { key: message.key, outcome: 'duplicate' });
      continue;
    }
    const done = await core.phishing.report(parsed.report);
    await mailbox.moveAside(message, 'processed');
    if (done.outcome === 'duplicate') {
      results.push({ key: message.key, outcome: 'duplicate' });
      continue;
    }
    const { incident } = done;
    logger?.info({ mailbox: mailbox.name, key: message.key, incident: incident.ref, outcome: done.outcome }, 'reported mail handled');
    results.push({ key: message.key, outcome: done.outcome, incident: { id: incident.id, ref: incident.ref, title: incident.title }, evidence: done.evidence });
  }
  return results;
}
