// A message from the report mailbox, read with mailparser into the plain facts core takes: who reported it, and what
// the forwarded original says (sender, Reply-To, Return-Path, subject, date, SPF/DKIM/DMARC, URLs, attachments). The
// original is a message/rfc822 attachment (Outlook's "Forward as attachment", Microsoft's Report button), a forward
// inline in the body, or, with neither, the message itself (a redirect keeps the phisher's headers; the reporter is
// then Resent-From when present). A message that yields no sender address is malformed: rejected with the reason.
import { simpleParser, type AddressObject, type ParsedMail, type SimpleParserOptions } from 'mailparser';
import { sha256Hex, type AuthResults, type MailFacts, type MailRejection, type MailReport } from '../core/index.js';
import { mailUrls } from './urls.js';

/** A message larger than this is rejected unread: no genuine report needs it, and parsing it would hold memory. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/** Where a message came from: the mailbox's name and its own key for it. */
export interface MessageSource {
  mailbox: string;
  uidKey?: string;
  /** The message's whole size, when raw may be only its start (a message over the limit is not downloaded whole). */
  size?: number;
}

/** Parses a report: the facts for core, or a rejection with the reason. */
export async function parseReport(raw: Uint8Array, source: MessageSource): Promise<{ report: MailReport } | { rejection: MailRejection }> {
  const { size = raw.byteLength, ...where } = source;
  const base = { ...where, reportSha256: sha256Hex(raw) };
  if (size > MAX_MESSAGE_BYTES) return { rejection: { ...base, reason: `The message is ${size} bytes, over the ${MAX_MESSAGE_BYTES}-byte limit.` } };
  let outer: ParsedMail;
  try {
    outer = await simpleParser(Buffer.from(raw), PARSE_OPTIONS);
  } catch (err) {
    return { rejection: { ...base, reason: `The message could not be parsed as MIME: ${(err as Error).message}` } };
  }
  const reportMessageId = outer.messageId?.trim() || undefined;
  const withId = { ...base, ...(reportMessageId ? { reportMessageId } : {}) };
  const attached = outer.attachments.find((a) => a.contentType.toLowerCase() === 'message/rfc822');
  let original: MailFacts;
  let via: MailReport['via'];
  let evidence: Uint8Array = raw;
  let reporter = firstAddress(outer.from);
  if (attached) {
    try {
      original = await factsOf(await simpleParser(attached.content, PARSE_OPTIONS));
    } catch (err) {
      return { rejection: { ...withId, reason: `The attached message could not be parsed as MIME: ${(err as Error).message}` } };
    }
    via = 'attachment';
    evidence = new Uint8Array(attached.content);
  } else {
    const inline = inlineForward(outer.text ?? '');
    if (inline) {
      // Only what the forward itself says: the report's own Message-ID, Return-Path and sender are the reporter's,
      // not the phish's (taken for it, they would make the reporter an indicator, or join unrelated reports).
      original = { replyTo: [], auth: {}, attachments: [], ...inline.facts, urls: mailUrls(inline.body, undefined) };
      via = 'inline';
    } else {
      original = await factsOf(outer);
      via = 'direct';
      reporter = headerAddress(outer, 'resent-from');
    }
  }
  if (!original.from?.address) {
    return { rejection: { ...withId, reason: via === 'direct' ? 'No sender address: the message has no From address and forwards no message.' : `No sender address in the ${via === 'attachment' ? 'attached' : 'forwarded'} message.` } };
  }
  // A redirect keeps the phish's own Message-ID, which every colleague's redirect of it shares: it is keyed by its
  // Resent-Message-ID, or else by its bytes (each redirect's Resent- headers differ), so a second report is not dropped.
  const keyed = via === 'direct' ? { ...base, ...(headerText(outer, 'resent-message-id') ? { reportMessageId: headerText(outer, 'resent-message-id')! } : {}) } : withId;
  return { report: { ...keyed, ...(reporter ? { reporter } : {}), reporterChecks: { auth: authResults(outer), automatic: isAutomatic(outer) }, original, via, evidence } };
}

// mailparser's defaults, less the work nobody reads (no text-to-HTML copy of the body). ignoreEmbedded goes to its
// splitter (mailsplit): a message/rfc822 part marked inline would otherwise be merged into the report's own text,
// losing the original's headers; kept whole, it is an attachment like one marked so.
const PARSE_OPTIONS = { skipTextToHtml: true, skipImageLinks: true, ignoreEmbedded: true } as SimpleParserOptions;

/** The facts of a parsed message. */
async function factsOf(mail: ParsedMail): Promise<MailFacts> {
  const from = firstAddressObject(mail.from);
  const returnPath = headerAddress(mail, 'return-path');
  const date = dateHeader(mail);
  return {
    ...(mail.messageId ? { messageId: mail.messageId } : {}),
    ...(from ? { from } : {}),
    replyTo: addressesOf(mail.replyTo),
    ...(returnPath ? { returnPath } : {}),
    ...(mail.subject ? { subject: mail.subject } : {}),
    ...(date ? { date } : {}),
    auth: authResults(mail),
    urls: mailUrls(mail.text, typeof mail.html === 'string' ? mail.html : undefined),
    attachments: mail.attachments.map((a) => ({
      ...(a.filename ? { name: a.filename } : {}),
      type: a.contentType,
      size: a.size,
      sha256: sha256Hex(a.content),
    })),
  };
}

/** The Date header, ISO; undefined when absent or unreadable (mailparser would give the time of parsing instead). */
function dateHeader(mail: Pick<ParsedMail, 'headerLines'>): string | undefined {
  const line = mail.headerLines.find((h) => h.key === 'date');
  const value = line?.line.slice(line.line.indexOf(':') + 1).replace(/\s+/g, ' ').trim();
  const ms = value ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A header's value as written (the first of that name), trimmed; undefined when absent or empty. */
function headerText(mail: ParsedMail, name: string): string | undefined {
  return mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]*:\s*/, '').trim() || undefined;
}

/**
 * Whether a message was sent by a program rather than a person (RFC 3834 Auto-Submitted, bulk and list Precedence, a
 * bounce's empty Return-Path): it is still a report, but answering it could start a mail loop.
 */
function isAutomatic(mail: ParsedMail): boolean {
  const header = (name: string) => headerText(mail, name)?.toLowerCase();
  const auto = header('auto-submitted');
  return (auto !== undefined && auto !== 'no') || /^(bulk|junk|list)$/.test(header('precedence') ?? '') || header('return-path') === '<>';
}

/** SPF, DKIM and DMARC as the topmost Authentication-Results header (the receiving server's own) says. */
export function authResults(mail: Pick<ParsedMail, 'headerLines'>): AuthResults {
  const line = mail.headerLines.find((h) => h.key === 'authentication-results');
  if (!line) return {};
  const text = line.line.replace(/\r?\n[ \t]+/g, ' ');
  const result = (method: string) => new RegExp(`(?:^|[;\\s])${method}\\s*=\\s*([a-z]+)`, 'i').exec(text)?.[1]?.toLowerCase();
  const spf = result('spf');
  const dkim = result('dkim');
  const dmarc = result('dmarc');
  return { ...(spf ? { spf } : {}), ...(dkim ? { dkim } : {}), ...(dmarc ? { dmarc } : {}) };
}

// The lines mail clients put above an inline forward: Gmail, Outlook, Apple Mail, Thunderbird.
const FORWARD_MARKERS = /^[ \t>]*(?:-{3,}\s*(?:Forwarded message|Original Message|Message transféré|Weitergeleitete Nachricht)\s*-{3,}|Begin forwarded message:|-------- (?:Forwarded Message|Message transféré) --------)\s*$/im;

/** The forwarded original's header block and body, when the text holds an inline forward. */
export function inlineForward(text: string): { facts: Partial<MailFacts>; body: string } | undefined {
  const marker = FORWARD_MARKERS.exec(text);
  if (!marker) return undefined;
  const rest = text.slice(marker.index + marker[0].length).replace(/^\s*\n/, '');
  const lines = rest.split(/\r?\n/);
  const headers = new Map<string, string>();
  let i = 0;
  for (; i < lines.length && i < 30; i++) {
    const m = /^[ \t>]*\*?(From|De|Von|Sent|Date|Envoyé|Gesendet|To|À|An|Cc|Subject|Objet|Betreff|Reply-To)\*?:\s*(.*)$/i.exec(lines[i]!);
    if (!m) {
      if (headers.size > 0 && lines[i]!.trim() === '') break;
      continue;
    }
    headers.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  const get = (...names: string[]) => names.map((n) => headers.get(n)).find((v) => v !== undefined && v !== '');
  const fromText = get('from', 'de', 'von');
  if (!fromText) return undefined;
  const address = /<([^<>\s]+@[^<>\s]+)>/.exec(fromText)?.[1] ?? /([^\s<>"[\]]+@[^\s<>"[\]]+)/.exec(fromText)?.[1]?.replace(/^mailto:/i, '');
  const name = fromText.replace(/<[^>]*>|\[mailto:[^\]]*\]/g, '').replace(/"/g, '').trim();
  const subject = get('subject', 'objet', 'betreff');
  const date = get('date', 'sent', 'envoyé', 'gesendet');
  const parsedDate = date ? new Date(date) : undefined;
  const replyTo = get('reply-to');
  return {
    facts: {
      ...(address ? { from: { address: address.toLowerCase(), ...(name && name !== address ? { name } : {}) } } : {}),
      ...(subject ? { subject } : {}),
      ...(parsedDate && !Number.isNaN(parsedDate.getTime()) ? { date: parsedDate.toISOString() } : {}),
      replyTo: replyTo ? [...replyTo.matchAll(/[^\s<>,;"]+@[^\s<>,;"]+/g)].map((m) => m[0].toLowerCase()) : [],
      // The forward's own headers are the reporter's mail server's: the original's are gone.
      auth: {},
      attachments: [],
    },
    body: lines.slice(i).join('\n'),
  };
}

function firstAddressObject(a: AddressObject | AddressObject[] | undefined): { address: string; name?: string } | undefined {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const obj of list) {
    for (const v of obj.value) {
      if (v.address) return { address: v.address.toLowerCase(), ...(v.name ? { name: v.name } : {}) };
      for (const member of v.group ?? []) if (member.address) return { address: member.address.toLowerCase(), ...(member.name ? { name: member.name } : {}) };
    }
  }
  return undefined;
}

function firstAddress(a: AddressObject | AddressObject[] | undefined): string | undefined {
  return firstAddressObject(a)?.address;
}

function addressesOf(a: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.flatMap((obj) => obj.value.map((v) => v.address?.toLowerCase()).filter((x): x is string => Boolean(x)));
}

/** An address header mailparser leaves as text or an address object (Return-Path, Resent-From). */
function headerAddress(mail: ParsedMail, name: string): string | undefined {
  const v = mail.headers.get(name);
  if (!v) return undefined;
  if (typeof v === 'object' && 'value' in v && Array.isArray((v as AddressObject).value)) return firstAddress(v as AddressObject);
  const m = /<?([^\s<>]+@[^\s<>]+?)>?$/.exec(String(v).trim());
  return m?.[1]?.toLowerCase();
}
