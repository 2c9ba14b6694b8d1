// Email deliveries: what the outgoing outbox carries to a reporter's mailbox. Core decides who hears what (and when,
// in the transaction of the change); the email sender (src/outgoing/email) renders the words and sends.
import type { VerdictStatus } from '../outbox/verdict.js';

/** Thanks for a report, or the verdict on it; inReplyTo threads it under the reporter's own message. */
export type ReporterEmail =
  | { kind: 'report_thanks'; to: string; ref: string; reportedSubject?: string; reportedFrom?: string; joined: boolean; inReplyTo?: string }
  | { kind: 'report_verdict'; to: string; ref: string; status: VerdictStatus; note?: string; drill: boolean; inReplyTo?: string };
