// Parsing reports with mailparser: every real phishing mail of the corpus, as it arrives and forwarded as an
// attachment; an inline forward; and the malformed messages that are rejected with a reason.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../src/mail/parse.js';
import { forwardAsAttachment, forwardInline, havePhishingCorpus, phishingCorpus } from '../support/mail.js';

const SOURCE = { mailbox: 'imap://reports@test/INBOX', uidKey: '1:1' };
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function report(raw: Uint8Array) {
  const parsed = await parseReport(raw, SOURCE);
  if (!('report' in parsed)) throw new Error(`rejected: ${parsed.rejection.reason}`);
  return parsed.report;
}

describe.skipIf(!havePhishingCorpus('parsing the phishing corpus'))('the phishing corpus', () => {
  const corpus = phishingCorpus();

  it('has the mails', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(19);
  });

  it.each(corpus.map((c) => [c.name, c.raw] as const))('%s parses with its sender, subject, authentication results and URLs', async (_name, raw) => {
    const r = await report(raw);
    expect(r.via).toBe('direct');
    expect(r.original.from?.address).toMatch(/@/);
    expect(r.original.subject?.trim()).toBeTruthy();
    const headers = raw.subarray(0, raw.indexOf('\n\n') > 0 ? raw.indexOf('\n\n') : raw.length).toString();
    // A Date header that reads as a date (one corpus mail has `Date: _smtpDate . 286071244`, a spammer's template bug).
    const dateLine = /^Date:(.*)$/im.exec(headers)?.[1];
    if (dateLine && !Number.isNaN(Date.parse(dateLine))) expect(r.original.date).toBe(new Date(dateLine).toISOString());
    else expect(r.original.date).toBeUndefined();
    // Every corpus mail went through a receiving server that wrote Authentication-Results with an SPF verdict.
    expect(r.original.auth.spf).toMatch(/^[a-z]+$/);
    expect(r.original.urls.length).toBeGreaterThan(0);
    for (const u of r.original.urls) expect(u).toMatch(/^https?:\/\//i);
    for (const a of r.original.attachments) expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(r.evidence)).toBe(sha256(raw));
  });

  it.each(corpus.map((c) => [c.name, c.raw] as const))('%s forwarded as an attachment: the original is read, the forwarder is the reporter', async (name, raw) => {
    const direct = await report(raw);
    const fwd = await report(await forwardAsAttachment(raw, { reporter: 'Alice <alice@example.org>', messageId: `<fwd-${name}@example.org>` }));
    expect(fwd.via).toBe('attachment');
    expect(fwd.reporter).toBe('alice@example.org');
    expect(fwd.reportMessageId).toBe(`<fwd-${name}@example.org>`);
    expect(fwd.original).toEqual(direct.original);
    // The evidence is the attached original, byte for byte.
    expect(sha256(fwd.evidence)).toBe(sha256(raw));
  });

  it('reads the SPF, DKIM and DMARC verdicts of a mail that failed them all', async () => {
    const bradesco = corpus.find((c) => c.name === 'sample-2989.eml');
    expect((await report(bradesco!.raw)).original.auth).toEqual({ spf: 'fail', dkim: 'fail', dmarc: 'fail' });
  });
});

describe('reports', () => {
  it('reads an inline forward: the original sender, subject, date and URLs from the body', async () => {
    const raw = await forwardInline({
      reporter: 'bob@example.org',
      messageId: '<inline-1@example.org>',
      from: 'IT Helpdesk <helpdesk@micros0ft-support.example>',
      subject: 'Your mailbox is full',
      date: 'Mon, 30 Nov 2026 09:12:00 +0000',
      body: 'Click https://micros0ft-support.example/upgrade?id=7 to keep your mail.',
    });
    const r = await report(raw);
    expect(r.via).toBe('inline');
    expect(r.reporter).toBe('bob@example.org');
    expect(r.original.from).toEqual({ address: 'helpdesk@micros0ft-support.example', name: 'IT Helpdesk' });
    expect(r.original.subject).toBe('Your mailbox is full');
    expect(r.original.date).toBe('2026-11-30T09:12:00.000Z');
    expect(r.original.urls).toEqual(['https://micros0ft-support.example/upgrade?id=7']);
  });

  it('takes the reporter of a redirected message from Resent-From', async () => {
    const raw = Buffer.from('Resent-From: carol@example.org\r\nFrom: "Bank" <alerts@bank-secure.example>\r\nSubject: Verify now\r\nMessage-ID: <r1@bank-secure.example>\r\n\r\nhttps://bank-secure.example/v\r\n');
    const r = await report(raw);
    expect(r.via).toBe('direct');
    expect(r.reporter).toBe('carol@example.org');
    expect(r.original.from?.address).toBe('alerts@bank-secure.example');
  });

  it('keys each colleague’s redirect of one phish apart: by its Resent-Message-ID, else by its bytes', async () => {
    const phish = 'From: "Bank" <alerts@bank-secure.example>\r\nSubject: Verify now\r\nMessage-ID: <r1@bank-secure.example>\r\n\r\nhttps://bank-secure.example/v\r\n';
    const carol = await report(Buffer.from(`Resent-From: carol@example.org\r\nResent-Message-ID: <resent-1@example.org>\r\n${phish}`));
    const dave = await report(Buffer.from(`Resent-From: dave@example.org\r\n${phish}`));
    expect(carol.reportMessageId).toBe('<resent-1@example.org>');
    expect(dave.reportMessageId).toBeUndefined();
    expect(dave.reportSha256).not.toBe(carol.reportSha256);
  });

  it('takes nothing of an inline forward’s own headers for the phish’s (they are the reporter’s)', async () => {
    const raw = Buffer.from(
      [
        'From: maria@example.org',
        'Return-Path: <maria@example.org>',
        'Message-ID: <report-9@example.org>',
        'Subject: Fwd: Verify now',
        '',
        '---------- Forwarded message ---------',
        'From: Bank <alerts@bank-secure.example>',
        'Subject: Verify now',
        '',
        'https://bank-secure.example/v',
        '',
      ].join('\r\n'),
    );
    const r = await report(raw);
    expect(r.via).toBe('inline');
    expect(r.reportMessageId).toBe('<report-9@example.org>');
    expect(r.original.messageId).toBeUndefined();
    expect(r.original.returnPath).toBeUndefined();
    expect(r.original.from?.address).toBe('alerts@bank-secure.example');
    const nameless = await parseReport(Buffer.from(raw.toString().replace('From: Bank <alerts@bank-secure.example>', 'From: Bank')), SOURCE);
    expect(nameless).toEqual({ rejection: expect.objectContaining({ reason: 'No sender address in the forwarded message.' }) });
  });

  it('rejects a message with no sender address, saying so', async () => {
    const parsed = await parseReport(Buffer.from('this is not a mail at all\r\n\r\njust words\r\n'), SOURCE);
    expect(parsed).toEqual({ rejection: expect.objectContaining({ reason: expect.stringMatching(/no From address/), mailbox: SOURCE.mailbox, uidKey: '1:1' }) });
  });

  it('rejects a forward whose attached message has no sender', async () => {
    const raw = await forwardAsAttachment(Buffer.from('Subject: nothing here\r\n\r\nbody\r\n'), { reporter: 'alice@example.org', messageId: '<fwd-empty@example.org>' });
    const parsed = await parseReport(raw, SOURCE);
    expect(parsed).toEqual({ rejection: expect.objectContaining({ reason: 'No sender address in the attached message.', reportMessageId: '<fwd-empty@example.org>' }) });
  });
});
