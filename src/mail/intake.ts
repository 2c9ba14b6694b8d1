// One pass over the report mailbox: each waiting message is parsed, handed to core (which opens or joins an incident,
// or records the rejection, once), then moved aside by the replica that handled it. Core commits before the move, so
// a crash in between leaves the message to be read again: core says it was handled before, and when, and a message
// handled more than LEFTOVER_AFTER_MS ago is a leftover that is moved now. One handled moments ago is being moved by
// the replica that handled it; moving it here too would race that move (an IMAP session still sees a message another
// session moved until it syncs, so both moves could copy it).
import type { Core, MailReport } from '../core/index.js';
import type { Logger } from '../log.js';
import type { MailboxMessage, ReportMailbox } from './mailbox.js';
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

/** How a pass runs: the leftover rule, and how a reporter's address is matched to a Slack user (absent: it is not). */
export interface IntakeOptions {
  leftoverAfterMs?: number;
  slackUserByEmail?: (email: string) => Promise<string | undefined>;
  /** MAIL_REPORTER_DOMAINS: whose reports are answered (absent or empty: nobody's). */
  reporterDomains?: readonly string[];
}

/**
 * Whether the From of a report can be believed enough to answer it: an address at one of the organisation's domains,
 * in a report the receiving server did not mark as failing DMARC (or SPF, without DMARC), sent by a person (no
 * auto-reply or bounce: answering those could loop). Anyone can write any From; this keeps Rampart from mailing or
 * messaging whoever a forger names, and from telling an outsider what became of their "report".
 */
export function reporterVerified(report: Pick<MailReport, 'reporter' | 'reporterChecks'>, domains: readonly string[] = []): boolean {
  const domain = report.reporter?.split('@').pop()?.toLowerCase();
  if (!domain || !domains.includes(domain) || !report.reporterChecks) return false;
  const { auth, automatic } = report.reporterChecks;
  return !automatic && auth.dmarc !== 'fail' && !(auth.dmarc === undefined && (auth.spf === 'fail' || auth.spf === 'softfail'));
}

/** Handles every message waiting in the mailbox (up to BATCH) and moves each aside; leftoverAfterMs 0 suits a mailbox only this process reads. */
export async function runIntake(core: Core, mailbox: ReportMailbox, logger?: Logger, opts: IntakeOptions = {}): Promise<IntakeResult[]> {
  const leftOver = (handledAt: Date) => core.now().getTime() - handledAt.getTime() >= (opts.leftoverAfterMs ?? LEFTOVER_AFTER_MS);
  const results: IntakeResult[] = [];
  const failed: { key: string; err: unknown }[] = [];
  for (const message of await mailbox.waiting(BATCH)) {
    // One message that cannot be handled (left in the mailbox, tried again next pass) does not hold up the others.
    try {
      results.push(await handle(core, mailbox, message, leftOver, logger, opts));
    } catch (err) {
      failed.push({ key: message.key, err });
    }
  }
  if (failed.length > 0) {
    const first = failed[0]!;
    throw new Error(`${failed.length} reported mail${failed.length === 1 ? '' : 's'} could not be handled (first: ${first.key}): ${(first.err as Error).message}`, { cause: first.err });
  }
  return results;
}

async function handle(
  core: Core,
  mailbox: ReportMailbox,
  message: MailboxMessage,
  leftOver: (handledAt: Date) => boolean,
  logger: Logger | undefined,
  opts: IntakeOptions,
): Promise<IntakeResult> {
  const parsed = await parseReport(message.raw, { mailbox: mailbox.name, uidKey: message.key, ...(message.size !== undefined ? { size: message.size } : {}) });
  if ('rejection' in parsed) {
    const rejected = await core.phishing.reject(parsed.rejection);
    if (rejected.outcome === 'duplicate') {
      if (leftOver(rejected.handledAt)) await mailbox.moveAside(message, 'rejected');
      return { key: message.key, outcome: 'duplicate' };
    }
    logger?.warn({ mailbox: mailbox.name, key: message.key, reason: parsed.rejection.reason }, 'reported mail rejected');
    await mailbox.moveAside(message, 'rejected');
    return { key: message.key, outcome: 'rejected', reason: parsed.rejection.reason };
  }
  const verified = reporterVerified(parsed.report, opts.reporterDomains);
  // Looked up before core's transaction, which holds the intake lock: no Slack round trip inside it.
  const reporterSlackId = verified && opts.slackUserByEmail ? await opts.slackUserByEmail(parsed.report.reporter!) : undefined;
  const done = await core.phishing.report({ ...parsed.report, reporterVerified: verified, ...(reporterSlackId ? { reporterSlackId } : {}) });
  if (done.outcome === 'duplicate') {
    if (leftOver(done.handledAt)) await mailbox.moveAside(message, 'processed');
    return { key: message.key, outcome: 'duplicate' };
  }
  await mailbox.moveAside(message, 'processed');
  const { incident } = done;
  logger?.info({ mailbox: mailbox.name, key: message.key, incident: incident.ref, outcome: done.outcome }, 'reported mail handled');
  return { key: message.key, outcome: done.outcome, incident: { id: incident.id, ref: incident.ref, title: incident.title }, evidence: done.evidence };
}
