// The reporter's emails through a real SMTP server: what arrives, threading, and how refusals are told apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPermanentFailure, smtpMailer, type Mailer } from '../../src/outgoing/email/smtp.js';
import { thanksEmail, verdictEmail } from '../../src/outgoing/email/render.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';

let smtp: TestSmtpServer;
let mailer: Mailer;
beforeAll(async () => {
  smtp = await startSmtpServer();
  mailer = smtpMailer({ url: smtp.url, from: 'Rampart <security@example.org>' }, 5_000);
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
});

describe('smtpMailer', () => {
  it('sends with the given Message-ID, in the reporter’s thread, marked as an automatic answer', async () => {
    const { subject, text } = thanksEmail({ ref: 'INC-7', reportedSubject: 'Your mailbox is full', reportedFrom: 'it-desk@evil.example', joined: false });
    const sent = await mailer.send({ to: 'maria@example.org', subject, text, messageId: '<thanks-1@rampart.example>', inReplyTo: '<report-1@example.org>' });
    expect(sent.accepted).toEqual(['maria@example.org']);
    const got = smtp.received.at(-1)!;
    expect(got.to).toEqual(['maria@example.org']);
    expect(got.mail.messageId).toBe('<thanks-1@rampart.example>');
    expect(got.mail.inReplyTo).toBe('<report-1@example.org>');
    expect(got.mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(got.mail.from?.value).toEqual([{ name: 'Rampart', address: 'security@example.org' }]);
    expect(got.mail.subject).toBe('Thank you for your report (INC-7)');
    expect(got.mail.text).toContain('"Your mailbox is full" from it-desk@evil.example');
    expect(got.mail.text).toContain('INC-7');
  });

  it('tells a refusal for good (5xx) from one for now (4xx)', async () => {
    smtp.refuseNext(1, 550);
    const permanent = await mailer.send({ to: 'nobody@example.org', subject: 's', text: 't', messageId: '<a@r>' }).catch((e: unknown) => e);
    expect(isPermanentFailure(permanent)).toBe(true);
    smtp.refuseNext(1, 451);
    const temporary = await mailer.send({ to: 'nobody@example.org', subject: 's', text: 't', messageId: '<b@r>' }).catch((e: unknown) => e);
    expect(temporary).toBeInstanceOf(Error);
    expect(isPermanentFailure(temporary)).toBe(false);
  });

  it('counts a server that cannot be reached as worth trying again', async () => {
    const nowhere = smtpMailer({ url: 'smtp://127.0.0.1:1', from: 'r@example.org' }, 1_000);
    const err = await nowhere.send({ to: 'x@example.org', subject: 's', text: 't', messageId: '<c@r>' }).catch((e: unknown) => e);
    nowhere.close();
    expect(err).toBeInstanceOf(Error);
    expect(isPermanentFailure(err)).toBe(false);
  });
});

describe('reporter emails', () => {
  it('quotes what came from the reported message without control characters, shortened', () => {
    const hostile = `Invoice\u0000\u202e\u0007 ${'x'.repeat(500)}`;
    const { text } = thanksEmail({ ref: 'INC-1', reportedSubject: hostile, joined: true });
    for (const c of ['\u0000', '\u0007', '\u202e']) expect(text).not.toContain(c);
    expect(text).toContain(`"Invoice ${'x'.repeat(190)}`);
    expect(text).toContain('…"');
    expect(text).toContain('added to INC-1');
  });

  it('says each verdict in the same words as the Slack message, with the reason quoted', () => {
    const { subject, text } = verdictEmail({ ref: 'INC-3', status: 'declined', note: 'A real newsletter.\nNothing to do.', drill: false });
    expect(subject).toBe('What came of your report (INC-3)');
    expect(text).toContain('What you reported, INC-3, was looked at and declined: no incident response was needed.');
    expect(text).toContain('> A real newsletter.\n> Nothing to do.');
    expect(verdictEmail({ ref: 'INC-3', status: 'resolved', drill: true }).text).toContain('This was a drill');
  });
});
