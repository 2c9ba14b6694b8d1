// A reported phishing mail as core sees it: plain facts an adapter parsed (core never reads MIME or IMAP), and the
// pure rules that turn them into campaign keys, a title and a timeline payload.
import { createHash } from 'node:crypto';

/** SPF, DKIM and DMARC results from the receiving server's Authentication-Results header, as written there (pass, fail, none…). */
export interface AuthResults {
  spf?: string;
  dkim?: string;
  dmarc?: string;
}

/** One attachment of the reported mail. */
export interface AttachmentFacts {
  name?: string;
  type: string;
  size: number;
  sha256: string;
}

/** What was parsed from the suspicious mail itself (the forwarded original). */
export interface MailFacts {
  messageId?: string;
  from?: { address: string; name?: string };
  replyTo: string[];
  returnPath?: string;
  subject?: string;
  /** Its Date header, ISO 8601. */
  date?: string;
  auth: AuthResults;
  /** http(s) URLs in its text and HTML, unwrapped from tracking redirects, de-duplicated. */
  urls: string[];
  attachments: AttachmentFacts[];
}

/** A message read from a report mailbox, parsed: who reported what, and the bytes to keep as evidence. */
export interface MailReport {
  /** Which mailbox it came from (imap://user@host/INBOX, or the sandbox's directory). */
  mailbox: string;
  /** The mailbox's own key for it (IMAP UIDVALIDITY:UID, a file name): a second guard against handling it twice. */
  uidKey?: string;
  /** The report's Message-ID (what the thank-you replies to), when it has one. */
  reportMessageId?: string;
  /** The SHA-256 of the report's bytes: its key when it has no Message-ID. */
  reportSha256: string;
  /** The address that forwarded it; absent when the suspicious mail itself arrived (redirected, or dropped in the sandbox). */
  reporter?: string;
  /** What says whether the reporter is who the From header claims: the report's own Authentication-Results, and whether a program sent it. */
  reporterChecks?: { auth: AuthResults; automatic: boolean };
  /** The adapter trusts the reporter address (an allowed domain, checks passed): only then is it kept to thank and tell. */
  reporterVerified?: boolean;
  /** The Slack user with the reporter's address (the adapter looked it up), who is also thanked and told in Slack. */
  reporterSlackId?: string;
  original: MailFacts;
  /** How the original came: attached as message/rfc822, forwarded inline in the body, or the message itself. */
  via: 'attachment' | 'inline' | 'direct';
  /** The bytes kept as evidence: the attached original's .eml, else the message as received. */
  evidence: Uint8Array;
}

/** A message that could not be handled, and why in words. */
export interface MailRejection {
  mailbox: string;
  uidKey?: string;
  reportMessageId?: string;
  reportSha256: string;
  reason: string;
}

/** One key a campaign is matched on. */
export interface CampaignKey {
  kind: 'sender' | 'url' | 'subject';
  value: string;
}

// Webmail providers anyone can sign up to: one campaign's sender domain there says nothing, so the address is the key.
const SHARED_DOMAINS = new Set(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'aol.com', 'gmx.com', 'gmx.de', 'mail.ru', 'yandex.ru', 'proton.me', 'protonmail.com']);

/** The SHA-256 of bytes or text, lower-case hex. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The key a report is claimed by: its Message-ID when it has one, else its bytes. */
export function messageKey(report: { reportMessageId?: string; reportSha256: string }): string {
  const id = report.reportMessageId?.trim().replace(/^<|>$/g, '').toLowerCase();
  return id ? sha256Hex(`message-id:${id}`) : `sha256:${report.reportSha256}`;
}

/**
 * A subject as campaigns share it: reply and forward prefixes (Re:, Fwd:, TR:, AW:, WG:, RV:, SV:, [EXTERNAL]) stripped
 * however often they repeat, spaces folded, lower case. Two subjects are "the same" when these are equal; a subject
 * shorter than 4 characters once stripped ("Hi", "") matches nothing, since unrelated mails share those.
 */
export function subjectKey(subject: string | undefined): string | undefined {
  let s = (subject ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();
  const prefix = /^(?:(?:re|fwd?|tr|aw|wg|rv|sv|vs|antw|r)\s*(?:\[\d+\])?\s*:|\[(?:external|ext|spam|suspicious|phishing)\])\s*/i;
  while (prefix.test(s)) s = s.replace(prefix, '');
  s = s.toLowerCase();
  return s.length >= 4 ? s : undefined;
}

/** The sender key: the domain of the From address, or the whole address at a shared webmail provider. */
export function senderKey(address: string | undefined): string | undefined {
  const a = address?.trim().toLowerCase();
  const at = a ? a.lastIndexOf('@') : -1;
  if (!a || at < 1 || at === a.length - 1) return undefined;
  const domain = a.slice(at + 1);
  return SHARED_DOMAINS.has(domain) ? a : domain;
}

// Keys are indexed, and a btree entry must stay well under Postgres's limit (2704 bytes): a longer URL (tracking
// parameters run to kilobytes) is matched on its first MAX_KEY_BYTES bytes of UTF-8, which tell campaigns apart just as
// well. Bytes, not characters: a character of a non-Latin subject or URL takes up to four.
const MAX_KEY_BYTES = 1000;

/** The longest start of text that fits in max bytes of UTF-8, cut between characters. */
function cutToBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    bytes += Buffer.byteLength(ch);
    if (bytes > max) break;
    out += ch;
  }
  return out;
}

/** Every key the mail is matched on: the sender, each URL, the subject. */
export function campaignKeys(facts: MailFacts): CampaignKey[] {
  const sender = senderKey(facts.from?.address);
  const subject = subjectKey(facts.subject);
  return [
    ...(sender ? [{ kind: 'sender' as const, value: sender }] : []),
    ...[...new Set(facts.urls.map((u) => cutToBytes(u, MAX_KEY_BYTES)))].map((value) => ({ kind: 'url' as const, value })),
    ...(subject ? [{ kind: 'subject' as const, value: cutToBytes(subject, MAX_KEY_BYTES) }] : []),
  ];
}

/** The title of an incident a report opens. */
export function incidentTitle(facts: MailFacts): string {
  const subject = facts.subject?.replace(/\s+/g, ' ').trim();
  const from = facts.from?.address ?? 'an unknown sender';
  return `Reported phishing: ${subject ? `"${subject.slice(0, 120)}"` : '(no subject)'} from ${from}`;
}

/** The description of an incident a report opens. */
export function incidentDescription(report: MailReport): string {
  const { original: o } = report;
  const auth = ['spf', 'dkim', 'dmarc'].map((k) => `${k.toUpperCase()} ${o.auth[k as keyof AuthResults] ?? 'unknown'}`).join(', ');
  return [
    `Reported by ${report.reporter ?? 'an unknown reporter'} through ${report.mailbox}.`,
    `${o.urls.length} URL${o.urls.length === 1 ? '' : 's'}, ${o.attachments.length} attachment${o.attachments.length === 1 ? '' : 's'}; ${auth}.`,
  ].join(' ');
}
