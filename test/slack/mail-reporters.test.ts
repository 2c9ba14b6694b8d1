// End to end: a staff member forwards a phishing mail to the report mailbox (a private Dovecot); the real bot's
// poller opens an incident, thanks them by email (a real SMTP server) and, their address being theirs in Slack, by
// direct message; when a responder declines it in Slack, they hear the verdict both ways, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { startTestBot, type TestBot } from '../support/slack.js';
import { dovecotUnavailable, startDovecot, type PrivateDovecot } from '../support/dovecot.js';
import { forwardInline } from '../support/mail.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';

const unavailable = dovecotUnavailable();
if (unavailable) console.warn(`[skip] mail reporters end to end: ${unavailable}`);

describe.skipIf(Boolean(unavailable))('a mail reporter who is in Slack', () => {
  let dovecot: PrivateDovecot;
  let smtp: TestSmtpServer;
  let bot: TestBot;
  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpServer();
    bot = await startTestBot({
      env: {
        MAIL_IMAP_HOST: dovecot.host,
        MAIL_IMAP_PORT: String(dovecot.port),
        MAIL_IMAP_SECURE: 'false',
        MAIL_IMAP_USER: dovecot.user,
        MAIL_IMAP_PASSWORD: dovecot.password,
        // The test polls by itself (pollMailbox); the poller's own passes come only every hour.
        MAIL_POLL_INTERVAL: '1h',
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Security <security@example.org>',
        // The emulator's people have addresses at rampart-sandbox.example: theirs is the organisation's domain here.
        MAIL_REPORTER_DOMAINS: 'rampart-sandbox.example',
      },
    });
  });
  afterAll(async () => {
    await bot?.close();
    await smtp?.close();
    await dovecot?.stop();
  });

  it('is thanked by email and in Slack, then told the verdict both ways', async () => {
    // The poller's first pass, started with the bot, is over before the mail arrives: the pass below is the one that reads it.
    expect(await bot.rampart.pollMailbox()).toEqual([]);
    const address = `${bot.staff.name}@rampart-sandbox.example`;
    const report = await forwardInline({ reporter: address, messageId: '<fwd-1@rampart-sandbox.example>', from: 'IT Desk <it@0ffice-help.example>', subject: 'Mailbox full', date: 'Mon, 30 Nov 2026 08:00:00 +0000', body: 'Click https://0ffice-help.example/quota now' });
    const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await client.connect();
    await client.append('INBOX', report);
    await client.logout();

    const handled = await bot.rampart.pollMailbox();
    expect(handled.map((r) => r.outcome)).toEqual(['opened']);
    await bot.rampart.idle();
    const ref = (handled[0] as { incident: { ref: string } }).incident.ref;

    expect(smtp.received.map((r) => [r.to[0], r.mail.subject, r.mail.inReplyTo])).toEqual([[address, `Thank you for your report (${ref})`, '<fwd-1@rampart-sandbox.example>']]);
    // The bot's direct messages to the reporter.
    const dm = () =>
      bot.emu
        .allMessages()
        .filter((m) => m.channel.startsWith('D') && m.user === bot.emu.botUser.id && bot.emu.channelById(m.channel)?.members.includes(bot.staff.id))
        .map((m) => m.text ?? '');
    expect(dm()).toEqual([expect.stringContaining(`Thank you for reporting the mail “Mailbox full”. The security team has it as *${ref}*.`)]);

    await bot.incident(`status ${ref} declined Just the real quota warning`, bot.lead);
    await bot.rampart.idle();
    expect(smtp.received.map((r) => r.mail.subject)).toEqual([`Thank you for your report (${ref})`, `What came of your report (${ref})`]);
    expect(smtp.received[1]!.mail.text).toContain('> Just the real quota warning');
    expect(dm()).toHaveLength(2);
    expect(dm()[1]).toContain(`What you reported, *${ref}*, was looked at and declined`);
  });
});
