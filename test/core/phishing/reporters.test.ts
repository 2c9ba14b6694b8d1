// People who reported a mail hear what came of it: thanked when the report is handled and told the verdict, by email
// (through the outgoing outbox, to a real SMTP server here) and by Slack DM when their address is a Slack user's; each
// person once per thing, nothing by email without SMTP, and nothing to whoever made the change.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { deliveryAttempts, outgoingDeliveries, slackOutbox } from '../../../src/db/schema.js';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';
import { createTestDatabase, emptyTestDatabase, type TestDatabase } from '../../support/db.js';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp-server.js';
import { sha256Hex, type MailReport } from '../../../src/core/phishing/reported-mail.js';
import { createLogger } from '../../../src/log.js';
import { OutgoingWorker } from '../../../src/outgoing/worker.js';
import { emailSender } from '../../../src/outgoing/email/sender.js';
import { smtpMailer } from '../../../src/outgoing/email/smtp.js';

const responder = slackUser(RESPONDER);
let database: TestDatabase;
let smtp: TestSmtpServer;
beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await database.close();
});
beforeEach(async () => {
  await emptyTestDatabase(database);
  smtp.received.length = 0;
});

let n = 0;
/** A report of the same campaign each time (one sender), from `reporter`. */
function aReport(reporter: string | undefined, over: Partial<MailReport> = {}): MailReport {
  n++;
  const evidence = new TextEncoder().encode(`Subject: report ${n}\r\n\r\nbody ${n}\r\n`);
  return {
    mailbox: 'imap://reports@mail.example/INBOX',
    uidKey: `7:${n}`,
    reportMessageId: `<report-${n}@example.org>`,
    reportSha256: sha256Hex(evidence),
    ...(reporter ? { reporter, reporterVerified: true } : {}),
    via: 'attachment',
    evidence,
    original: { from: { address: 'billing@paypa1-secure.example' }, replyTo: [], subject: 'Your account is limited', auth: {}, urls: [], attachments: [] },
    ...over,
  };
}

async function system(reporterEmail = true) {
  const t = await testCore({ database, reviewRequired: [], reporterEmail });
  const worker = new OutgoingWorker({
    deliveries: t.core.deliveries,
    clock: t.clock,
    logger: createLogger('silent'),
    sleep: async (ms) => t.clock.advance(ms),
    random: () => 0.5,
    senders: { email: emailSender(smtpMailer({ url: smtp.url, from: 'Security <security@example.org>' }, 5_000), 'example.org') },
    workerId: 'mail-worker',
  });
  return { ...t, worker };
}

const emails = () => database.db.select().from(outgoingDeliveries).where(eq(outgoingDeliveries.channel, 'email')).orderBy(asc(outgoingDeliveries.id));
const dms = (kind: string) => database.db.select().from(slackOutbox).where(eq(slackOutbox.kind, kind)).orderBy(asc(slackOutbox.id));

describe('thanks', () => {
  it('emails the reporter in the thread of their report, and a Slack user also gets a direct message', async () => {
    const s = await system();
    const first = await s.core.phishing.report(aReport('maria@example.org', { reporterSlackId: 'U0MARIA01' }));
    const second = await s.core.phishing.report(aReport('joe@example.org'));
    expect([first.outcome, second.outcome]).toEqual(['opened', 'joined']);
    await s.worker.drain();
    expect(smtp.received.map((r) => r.to)).toEqual([['maria@example.org'], ['joe@example.org']]);
    const [toMaria, toJoe] = smtp.received.map((r) => r.mail);
    expect(toMaria!.inReplyTo).toBe(`<report-${n - 1}@example.org>`);
    expect(toMaria!.subject).toBe('Thank you for your report (INC-1)');
    expect(toMaria!.text).toContain('"Your account is limited" from billing@paypa1-secure.example');
    expect(toMaria!.text).toContain('The security team has it as INC-1');
    expect(toJoe!.text).toContain('your report was added to INC-1');
    const thanked = await dms('report_thanked');
    expect(thanked.map((r) => [r.lane, (r.payload as unknown as { ref: string }).ref])).toEqual([['U0MARIA01', 'INC-1']]);
  });

  it('sends no email without SMTP, and nothing by email to a report with no reporter address', async () => {
    const s = await system(false);
    await s.core.phishing.report(aReport('maria@example.org'));
    const withSmtp = await system(true);
    await withSmtp.core.phishing.report(aReport(undefined));
    expect(await emails()).toEqual([]);
  });

  it('answers nobody the intake could not verify (anyone can write any From)', async () => {
    const s = await system();
    await s.core.phishing.report(aReport('ceo@example.org', { reporterVerified: false, reporterSlackId: 'U0CEO0001' }));
    expect(await emails()).toEqual([]);
    expect(await dms('report_thanked')).toEqual([]);
    await s.core.changeStatus(responder, 'INC-1', 'declined', 'Not ours');
    expect(await emails()).toEqual([]);
    expect(await dms('verdict_told')).toEqual([]);
  });

  it('keeps the reporter address and subject redacted in what it sends', async () => {
    const s = await system();
    await s.core.phishing.report(aReport('maria@example.org', { original: { replyTo: [], subject: 'Reset: password=hunter2hunter2 now', auth: {}, urls: [], attachments: [] } }));
    await s.worker.drain();
    expect(smtp.received[0]!.mail.text).not.toContain('hunter2hunter2');
  });
});

describe('the verdict', () => {
  it('tells each reporter once, by email and by DM, but not the person who decided', async () => {
    const s = await system();
    await s.core.phishing.report(aReport('maria@example.org', { reporterSlackId: 'U0MARIA01' }));
    await s.core.phishing.report(aReport('Maria@example.org', { reporterSlackId: 'U0MARIA01' }));
    await s.core.phishing.report(aReport('joe@example.org', { reporterSlackId: RESPONDER }));
    await s.worker.drain();
    smtp.received.length = 0;
    await s.core.changeStatus(responder, 'INC-1', 'declined', 'A real newsletter');
    await s.worker.drain();
    expect(smtp.received.map((r) => r.to[0]).sort()).toEqual(['joe@example.org', 'maria@example.org']);
    expect(smtp.received[0]!.mail.text).toContain('was looked at and declined');
    expect(smtp.received[0]!.mail.text).toContain('> A real newsletter');
    // Maria reported twice: one DM. The responder who declined it (also a reporter) is not told in Slack.
    expect((await dms('verdict_told')).map((r) => r.lane)).toEqual(['U0MARIA01']);
  });

  it('says nothing for a status that is no verdict', async () => {
    const s = await system();
    await s.core.phishing.report(aReport('maria@example.org', { reporterSlackId: 'U0MARIA01' }));
    await s.core.changeStatus(responder, 'INC-1', 'investigating');
    expect((await emails()).map((e) => e.event)).toEqual(['report_thanks']);
    expect(await dms('verdict_told')).toEqual([]);
  });
});

describe('delivery', () => {
  it('retries a mail server that refuses for now with the same Message-ID, and gives up one that refuses for good', async () => {
    const s = await system();
    smtp.refuseNext(1, 451);
    await s.core.phishing.report(aReport('maria@example.org'));
    await s.worker.drain();
    expect(smtp.received).toHaveLength(1);
    const [row] = await emails();
    expect(smtp.received[0]!.mail.messageId).toBe(`<rampart-delivery-${row!.id}@example.org>`);
    const tries = await database.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, row!.id));
    expect(tries.map((a) => a.error === null)).toEqual([false, true]);
    // Email has no HTTP status: the log says none, not a made-up 0.
    expect(tries.map((a) => a.httpStatus)).toEqual([null, null]);

    smtp.refuseNext(1, 550);
    await s.core.phishing.report(aReport('nobody@example.org', { original: { from: { address: 'x@other.example' }, replyTo: [], subject: 'Other', auth: {}, urls: [], attachments: [] } }));
    await s.worker.drain();
    const [failed] = await database.db.select().from(outgoingDeliveries).where(and(eq(outgoingDeliveries.target, 'nobody@example.org')));
    expect(failed!.failedAt).not.toBeNull();
    expect(failed!.lastError).toMatch(/^SMTP 550/);
  });
});
