// Reported phishing in core: a report opens a triage phishing incident with its facts, evidence and observables;
// reports of the same campaign (sender domain, URL, subject) within the window join it; each message is handled once,
// and two replicas handling one campaign at once agree on one incident (Postgres).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';
import { backend } from '../../support/db.js';
import { createCore, type Core } from '../../../src/core/core.js';
import { openDatabase } from '../../../src/db/client.js';
import type { Database } from '../../../src/db/types.js';
import { sha256Hex, type MailFacts, type MailReport } from '../../../src/core/phishing/reported-mail.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore({ reviewRequired: [] });
});
afterEach(async () => {
  await t.close();
});

const HOUR = 3_600_000;
const responder = slackUser(RESPONDER);
let n = 0;

/** A parsed report with overrides; each gets its own Message-ID and bytes unless given. */
function aReport(original: Partial<MailFacts> = {}, over: Partial<MailReport> = {}): MailReport {
  n++;
  const evidence = new TextEncoder().encode(`From: x\r\nSubject: report ${n}\r\n\r\nbody ${n}\r\n`);
  return {
    mailbox: 'imap://reports@mail.example/INBOX',
    uidKey: `42:${n}`,
    reportMessageId: `<report-${n}@example.org>`,
    reportSha256: sha256Hex(evidence),
    reporter: 'alice@example.org',
    reporterVerified: true,
    via: 'attachment',
    evidence,
    original: {
      messageId: `<orig-${n}@evil.example>`,
      from: { address: 'billing@paypa1-secure.example', name: 'PayPal' },
      replyTo: ['collect@drop.example'],
      returnPath: 'bounce@mailer.example',
      subject: 'Your account is limited',
      date: '2026-11-24T08:00:00.000Z',
      auth: { spf: 'fail', dkim: 'none', dmarc: 'fail' },
      urls: ['https://paypa1-secure.example/login?id=1'],
      attachments: [{ name: 'invoice.pdf', type: 'application/pdf', size: 10, sha256: 'b'.repeat(64) }],
      ...original,
    },
    ...over,
  };
}

async function count(table: string): Promise<number> {
  const r = await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

describe('a first report', () => {
  it('opens a triage sev3 phishing incident with the facts, the evidence and the observables', async () => {
    const report = aReport();
    const done = await t.core.phishing.report(report);
    if (done.outcome === 'duplicate') throw new Error('handled as a duplicate');
    expect(done.outcome).toBe('opened');
    expect(done.incident).toMatchObject({ type: 'phishing', severity: 'sev3', status: 'triage', reporterId: 'rampart', title: 'Reported phishing: "Your account is limited" from billing@paypa1-secure.example' });
    expect(done.evidenceSha256).toBe(sha256Hex(report.evidence));

    const events = (await t.core.timeline(responder, done.incident.ref)).events;
    expect(events.map((e) => e.kind)).toEqual(['incident_declared', 'phishing_reported', 'evidence_added', ...Array(6).fill('observable_added')]);
    expect(events[1]!.payload).toMatchObject({
      reporter: 'alice@example.org',
      reportMessageId: report.reportMessageId,
      messageId: report.original.messageId,
      from: { address: 'billing@paypa1-secure.example' },
      auth: { spf: 'fail', dkim: 'none', dmarc: 'fail' },
      urls: report.original.urls,
      joined: false,
    });

    const evidence = await t.core.evidence.list(responder, done.incident.ref);
    expect(evidence.entries.map((e) => [e.ref, e.item.sha256, e.item.collectedBy])).toEqual([[done.evidence, sha256Hex(report.evidence), 'rampart']]);

    const observables = await t.core.observables.list(responder, done.incident.ref);
    expect(observables.observables.map((o) => [o.type, o.value]).sort()).toEqual(
      [
        ['domain', 'paypa1-secure.example'],
        ['email', 'billing@paypa1-secure.example'],
        ['email', 'bounce@mailer.example'],
        ['email', 'collect@drop.example'],
        ['sha256', 'b'.repeat(64)],
        ['url', 'https://paypa1-secure.example/login?id=1'],
      ].sort(),
    );

    // What the thank-you step needs, and the .eml bytes as they came.
    const [mail] = await t.core.phishing.mailsOf(done.incident.id);
    expect(mail).toMatchObject({ reporter: 'alice@example.org', reportMessageId: report.reportMessageId, evidenceSha256: sha256Hex(report.evidence) });
    const stored = await t.database.db.execute(sql.raw(`select encode(evidence, 'hex') as hex from reported_mails`));
    expect((stored as unknown as { rows: { hex: string }[] }).rows[0]!.hex).toBe(Buffer.from(report.evidence).toString('hex'));
  });

  it('redacts a secret in the facts before they are stored, and records no observable holding one', async () => {
    const token = 'xoxb-1234567890-abcdefghijklmnop';
    const done = await t.core.phishing.report(aReport({ subject: `Your token ${token} expired`, urls: [`https://evil.example/?t=${token}`] }));
    if (done.outcome === 'duplicate') throw new Error('handled as a duplicate');
    const events = (await t.core.timeline(responder, done.incident.ref)).events;
    expect(JSON.stringify(events)).not.toContain(token);
    expect(events.find((e) => e.kind === 'phishing_reported')!.payload.redacted).toEqual(['slack-token']);
    const observables = await t.core.observables.list(responder, done.incident.ref);
    expect(observables.observables.filter((o) => o.type === 'url')).toEqual([]);
  });
});

describe('long values', () => {
  it('handles a report whose URL runs to kilobytes (tracking parameters), and joins its campaign by it', async () => {
    const url = `https://evil.example/track?${'p=1&'.repeat(2000)}`;
    const first = await t.core.phishing.report(aReport({ urls: [url], from: { address: 'a@one.example' }, subject: 'First lure here' }));
    expect(first).toMatchObject({ outcome: 'opened' });
    const second = await t.core.phishing.report(aReport({ urls: [url], from: { address: 'b@two.example' }, subject: 'Second lure here' }));
    expect(second).toMatchObject({ outcome: 'joined' });
  });
});

describe('campaigns', () => {
  const other = { from: { address: 'x@unrelated.example' }, urls: ['https://unrelated.example/'], subject: 'Something else entirely', replyTo: [], attachments: [] };

  it.each([
    ['the same sender domain', { ...other, from: { address: 'support@paypa1-secure.example' } }],
    ['the same URL', { ...other, urls: ['https://paypa1-secure.example/login?id=1'] }],
    ['the same subject once Fwd:/Re: are stripped', { ...other, subject: 'RE: FWD:  your ACCOUNT is limited' }],
  ])('joins the open incident of a report with %s within the window', async (_what, second) => {
    const first = await t.core.phishing.report(aReport());
    t.clock.advance(71 * HOUR);
    const joined = await t.core.phishing.report(aReport(second));
    expect(joined).toMatchObject({ outcome: 'joined', incident: { id: (first as { incident: { id: number } }).incident.id } });
    expect(await count('incidents')).toBe(1);
    const events = (await t.core.timeline(responder, (first as { incident: { ref: string } }).incident.ref)).events;
    expect(events.filter((e) => e.kind === 'phishing_reported').map((e) => e.payload.joined)).toEqual([false, true]);
    expect(events.filter((e) => e.kind === 'evidence_added')).toHaveLength(2);
  });

  it('opens another incident for an unrelated report', async () => {
    await t.core.phishing.report(aReport());
    expect(await t.core.phishing.report(aReport(other))).toMatchObject({ outcome: 'opened' });
    expect(await count('incidents')).toBe(2);
  });

  it('opens a new incident once the window has passed since the last report of the campaign', async () => {
    await t.core.phishing.report(aReport());
    t.clock.advance(72 * HOUR + 1);
    expect(await t.core.phishing.report(aReport())).toMatchObject({ outcome: 'opened' });
  });

  it('opens a new incident when the campaign incident has been resolved', async () => {
    const first = (await t.core.phishing.report(aReport())) as { incident: { ref: string } };
    await t.core.changeStatus(responder, first.incident.ref, 'resolved');
    expect(await t.core.phishing.report(aReport())).toMatchObject({ outcome: 'opened' });
  });
});

describe('once only', () => {
  it('handles a message once: the same Message-ID, or the same mailbox UID, is a duplicate', async () => {
    const report = aReport();
    expect(await t.core.phishing.report(report)).toMatchObject({ outcome: 'opened' });
    expect(await t.core.phishing.report(report)).toEqual({ outcome: 'duplicate', handledAt: t.clock.now() });
    // Read again under another UID (copied back into the inbox): the Message-ID still says it was handled.
    expect(await t.core.phishing.report({ ...report, uidKey: '42:999' })).toEqual({ outcome: 'duplicate', handledAt: t.clock.now() });
    // Another message under a UID already handled (no Message-ID, other bytes): the UID guard holds.
    expect(await t.core.phishing.report({ ...aReport(), reportMessageId: undefined, uidKey: report.uidKey! })).toEqual({ outcome: 'duplicate', handledAt: t.clock.now() });
    expect(await count('reported_mails')).toBe(1);
    expect(await count('evidence_items')).toBe(1);
  });

  it('records a rejection once, with its reason', async () => {
    const rejection = { mailbox: 'imap://reports@mail.example/INBOX', uidKey: '42:7', reportSha256: 'c'.repeat(64), reason: 'No sender address in the attached message.' };
    expect(await t.core.phishing.reject(rejection)).toEqual({ outcome: 'rejected' });
    expect(await t.core.phishing.reject(rejection)).toEqual({ outcome: 'duplicate', handledAt: t.clock.now() });
    const r = await t.database.db.execute(sql.raw(`select state, reason, incident_id from reported_mails`));
    expect((r as unknown as { rows: unknown[] }).rows).toEqual([{ state: 'rejected', reason: rejection.reason, incident_id: null }]);
  });
});

describe.skipIf(backend !== 'postgres')('two replicas at once (Postgres only: PGlite is one connection)', () => {
  it('reports of one campaign handled at the same moment on several connections join one incident', async () => {
    const pools: Database[] = [];
    try {
      for (let i = 0; i < 4; i++) pools.push(await openDatabase({ kind: 'postgres', url: t.database.url!, max: 2 }));
      const cores: Core[] = pools.map((p) => createCore({ ...t.deps, db: p.db }));
      const reports = Array.from({ length: 12 }, (_, i) => aReport({ subject: `Limited account notice ${i}` }));
      // Each report twice (two replicas polling the same mailbox), every one at once.
      const results = await Promise.all([...reports, ...reports].map((r, i) => cores[i % cores.length]!.phishing.report(r)));
      expect(results.filter((r) => r.outcome === 'opened')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'joined')).toHaveLength(11);
      expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(12);
      expect(await count('incidents')).toBe(1);
      expect(await count('reported_mails')).toBe(12);
      expect(await count('evidence_items')).toBe(12);
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  });
});

describe('text Postgres cannot store', () => {
  it('records a report whose decoded headers hold NUL and lone surrogates, instead of failing on every poll', async () => {
    const nasty = `Invoice\u0000 due \uD800 now`;
    const done = await t.core.phishing.report(aReport({ subject: nasty, from: { address: 'a@nul.example', name: `Bob\u0000` }, attachments: [{ name: `x\u0000.pdf`, type: 'application/pdf', size: 1, sha256: 'c'.repeat(64) }] }));
    expect(done.outcome).toBe('opened');
    const incident = (done as { incident: { title: string } }).incident;
    expect(incident.title).not.toContain('\u0000');
    expect(incident.title).toContain('Invoice due \uFFFD now');
    const events = await t.core.timeline(responder, 'INC-1');
    expect(JSON.stringify(events)).not.toContain('\\u0000');
  });
});
