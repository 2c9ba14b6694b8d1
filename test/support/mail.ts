// The phishing corpus (real phishing mails, ../shared/corpora/email/phishing_pot) and reports built from it the way
// people send them: forwarded as a message/rfc822 attachment, or inline. Built with nodemailer's composer (its stream
// transport sends nothing, it only returns the message), so the MIME is what a real client would produce.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { CORPORA } from './corpora.js';

/** The phishing mails folder. */
export const PHISHING_CORPUS = path.join(CORPORA, 'email', 'phishing_pot');

/** True when the corpus is present; otherwise prints why the calling file's tests are skipped. */
export function havePhishingCorpus(what: string): boolean {
  const present = existsSync(PHISHING_CORPUS);
  if (!present) console.warn(`[skip] ${what}: the phishing corpus is not at ${PHISHING_CORPUS}`);
  return present;
}

/** Every corpus mail: its file name and bytes, in name order. */
export function phishingCorpus(): { name: string; raw: Buffer }[] {
  if (!existsSync(PHISHING_CORPUS)) return [];
  return readdirSync(PHISHING_CORPUS)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((name) => ({ name, raw: readFileSync(path.join(PHISHING_CORPUS, name)) }));
}

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

/** A report forwarding `original` as an attachment (Outlook's "Forward as attachment"). */
export async function forwardAsAttachment(original: Uint8Array, opts: { reporter: string; messageId: string; subject?: string }): Promise<Buffer> {
  const info = await composer.sendMail({
    from: opts.reporter,
    to: 'report-phishing@example.org',
    subject: opts.subject ?? 'FW: suspicious mail',
    messageId: opts.messageId,
    text: 'This looks like phishing, please check.',
    // base64, as clients send a binary-safe attachment: the original's bytes arrive exactly (7bit would refold its lines).
    attachments: [{ filename: 'suspicious.eml', content: Buffer.from(original), contentType: 'message/rfc822', contentTransferEncoding: 'base64', contentDisposition: 'attachment' }],
  });
  return info.message as Buffer;
}

/** A report forwarding a mail inline, as Gmail writes it. */
export async function forwardInline(opts: { reporter: string; messageId: string; from: string; subject: string; date: string; body: string }): Promise<Buffer> {
  const info = await composer.sendMail({
    from: opts.reporter,
    to: 'report-phishing@example.org',
    subject: `Fwd: ${opts.subject}`,
    messageId: opts.messageId,
    text: ['Is this real?', '', '---------- Forwarded message ---------', `From: ${opts.from}`, `Date: ${opts.date}`, `Subject: ${opts.subject}`, 'To: <me@example.org>', '', opts.body].join('\n'),
  });
  return info.message as Buffer;
}
