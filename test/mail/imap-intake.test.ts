// End to end through a real IMAP server (a private Dovecot): the corpus's phishing mails, forwarded as attachments
// and APPENDed to the mailbox, each open or join one incident, are handled once, and move to Rampart/Processed; a
// malformed message moves to Rampart/Rejected with its reason; two pollers at once handle each message once.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { ImapFlow } from 'imapflow';
import { sql } from 'drizzle-orm';
import { testCore } from '../support/core.js';
import { backend } from '../support/db.js';
import { dovecotUnavailable, startDovecot, type PrivateDovecot } from '../support/dovecot.js';
import { forwardAsAttachment, havePhishingCorpus, phishingCorpus } from '../support/mail.js';
import { openImapMailbox, type ImapSettings } from '../../src/mail/imap-mailbox.js';
import { LEFTOVER_AFTER_MS, runIntake } from '../../src/mail/intake.js';
import { MAX_MESSAGE_BYTES, parseReport } from '../../src/mail/parse.js';
import { startMailPoller } from '../../src/mail/poller.js';
import { createLogger } from '../../src/log.js';
import { createCore, type Core } from '../../src/core/core.js';
import { openDatabase } from '../../src/db/client.js';
import type { Database } from '../../src/db/types.js';
import { sha256Hex, type MailReport } from '../../src/core/phishing/reported-mail.js';

const unavailable = dovecotUnavailable();
if (unavailable) console.warn(`[skip] IMAP intake tests: ${unavailable}`);
const corpusPresent = havePhishingCorpus('IMAP intake of the phishing corpus');

describe.skipIf(Boolean(unavailable))('the report mailbox over IMAP (private Dovecot)', () => {
  let dovecot: PrivateDovecot;
  let settings: ImapSettings;
  let admin: ImapFlow;
  let t: Awaited<ReturnType<typeof testCore>>;

  beforeAll(async () => {
    dovecot = await startDovecot();
    settings = { host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, password: dovecot.password, mailbox: 'INBOX' };
    // The test's own connection: puts messages in with APPEND and looks at the folders, as a mail client would.
    admin = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.logout().catch(() => {});
    await dovecot?.stop();
  });
  beforeEach(async () => {
    t = await testCore({ reviewRequired: [] });
    for (const folder of ['INBOX', 'Rampart/Processed', 'Rampart/Rejected']) {
      if ((await count(folder)) > 0) {
        const lock = await admin.getMailboxLock(folder);
        await admin.messageDelete('1:*').finally(() => lock.release());
      }
    }
  });
  afterEach(async () => {
    await t.close();
  });

  async function count(folder: string): Promise<number> {
    // imapflow answers STATUS for the mailbox it has open from its cache: NOOP brings that up to date first.
    await admin.noop();
    const status = await admin.status(folder, { messages: true }).catch(() => false as const);
    return status ? (status.messages ?? 0) : 0;
  }

  async function rows<T>(query: string): Promise<T[]> {
    return ((await t.database.db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows;
  }

  async function intake(core: Core = t.core) {
    const mailbox = await openImapMailbox(settings);
    try {
      // The reporters here write from example.org, the organisation's domain: they are kept to be thanked.
      return await runIntake(core, mailbox, undefined, { reporterDomains: ['example.org'] });
    } finally {
      await mailbox.close();
    }
  }

  it.skipIf(!corpusPresent)('every corpus mail, forwarded to the mailbox, opens or joins one incident, once, with its .eml as evidence', async () => {
    const corpus = phishingCorpus();
    for (const [i, c] of corpus.entries()) {
      await admin.append('INBOX', await forwardAsAttachment(c.raw, { reporter: `reporter${i}@example.org`, messageId: `<fwd-${c.name}@example.org>` }));
    }
    const results = await intake();
    expect(results).toHaveLength(corpus.length);
    const opened = results.filter((r) => r.outcome === 'opened');
    expect(results.filter((r) => r.outcome === 'opened' || r.outcome === 'joined')).toHaveLength(corpus.length);
    const incidents = await rows<{ id: number; type: string; status: string }>('select id, type, status from incidents');
    expect(incidents).toHaveLength(opened.length);
    expect(incidents.every((i) => i.type === 'phishing' && i.status === 'triage')).toBe(true);

    // Each mail handled once, linked to an incident, its evidence the attached original byte for byte.
    const mails = await rows<{ state: string; incident_id: number | null; reporter: string; evidence_sha256: string; report_message_id: string }>(
      'select state, incident_id, reporter, evidence_sha256, report_message_id from reported_mails order by id',
    );
    expect(mails).toHaveLength(corpus.length);
    expect(mails.every((m) => m.state === 'handled' && m.incident_id !== null)).toBe(true);
    expect(mails.map((m) => m.evidence_sha256).sort()).toEqual(corpus.map((c) => sha256Hex(c.raw)).sort());
    const evidence = await rows<{ sha256: string }>('select sha256 from evidence_items');
    expect(evidence.map((e) => e.sha256).sort()).toEqual(corpus.map((c) => sha256Hex(c.raw)).sort());
    expect(new Set(mails.map((m) => m.reporter))).toEqual(new Set(corpus.map((_, i) => `reporter${i}@example.org`)));

    // Two Bradesco lures from one sender domain are one campaign.
    const byName = new Map(results.map((r, i) => [corpus[i]!.name, r]));
    const incidentOf = (name: string) => {
      const r = byName.get(name);
      return r && 'incident' in r ? r.incident.id : undefined;
    };
    expect(incidentOf('sample-2989.eml')).toBeDefined();
    expect(incidentOf('sample-3013.eml')).toBe(incidentOf('sample-2989.eml'));

    // Moved aside, and nothing is handled twice on the next pass.
    expect(await count('INBOX')).toBe(0);
    expect(await count('Rampart/Processed')).toBe(corpus.length);
    expect(await intake()).toEqual([]);
    // Copied back into the inbox later (a user dragging it back), a message is recognised and moved aside again.
    t.clock.advance(10 * 60_000);
    const lock = await admin.getMailboxLock('Rampart/Processed');
    await admin.messageCopy('1:3', 'INBOX').finally(() => lock.release());
    expect((await intake()).map((r) => r.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await rows('select id from reported_mails')).toHaveLength(corpus.length);
  });

  it('moves a malformed message to Rampart/Rejected and records why', async () => {
    await admin.append('INBOX', Buffer.from('Subject: nothing to see\r\n\r\nno sender here\r\n'));
    const results = await intake();
    expect(results).toEqual([{ key: expect.stringMatching(/^\d+:\d+$/), outcome: 'rejected', reason: expect.stringMatching(/no From address/) }]);
    expect(await count('INBOX')).toBe(0);
    expect(await count('Rampart/Rejected')).toBe(1);
    expect(await rows('select state, incident_id from reported_mails')).toEqual([{ state: 'rejected', incident_id: null }]);
    expect(await rows('select id from incidents')).toEqual([]);
  });

  it('rejects a message over the size limit for its size, reading only its start, and handles the next one', async () => {
    const huge = Buffer.concat([Buffer.from('From: big@attach.example\r\nSubject: big\r\n\r\n'), Buffer.alloc(MAX_MESSAGE_BYTES + 1024, 'a')]);
    await admin.append('INBOX', huge);
    await admin.append('INBOX', Buffer.from('From: alerts@bank-secure.example\r\nSubject: Verify now\r\nMessage-ID: <after-big@bank-secure.example>\r\n\r\nhttps://bank-secure.example/v\r\n'));
    const mailbox = await openImapMailbox(settings);
    try {
      const waiting = await mailbox.waiting(10);
      // The large one's size is known, its bytes were not all downloaded.
      expect(waiting.map((m) => [m.size, m.raw.byteLength <= 64 * 1024])).toEqual([
        [huge.byteLength, true],
        [expect.any(Number), true],
      ]);
    } finally {
      await mailbox.close();
    }
    const results = await intake();
    expect(results.map((r) => r.outcome)).toEqual(['rejected', 'opened']);
    expect(results[0]).toMatchObject({ reason: `The message is ${huge.byteLength} bytes, over the ${MAX_MESSAGE_BYTES}-byte limit.` });
    expect(await count('Rampart/Rejected')).toBe(1);
  });

  it('moves a message left behind by a handler that stopped before moving it, once it is clearly left over', async () => {
    await admin.append('INBOX', Buffer.from('From: alerts@bank-secure.example\r\nSubject: Verify your account now\r\nMessage-ID: <left@bank-secure.example>\r\n\r\nhttps://bank-secure.example/v\r\n'));
    // A replica handled it and stopped before its move: core has it, the inbox still holds it.
    const mailbox = await openImapMailbox(settings);
    try {
      const [message] = await mailbox.waiting(10);
      const parsed = await parseReport(message!.raw, { mailbox: mailbox.name, uidKey: message!.key });
      expect(await t.core.phishing.report((parsed as { report: MailReport }).report)).toMatchObject({ outcome: 'opened' });
    } finally {
      await mailbox.close();
    }
    // Moments later it may still be on its way out: left alone.
    expect((await intake()).map((r) => r.outcome)).toEqual(['duplicate']);
    expect(await count('INBOX')).toBe(1);
    t.clock.advance(LEFTOVER_AFTER_MS);
    expect((await intake()).map((r) => r.outcome)).toEqual(['duplicate']);
    expect(await count('INBOX')).toBe(0);
    expect(await count('Rampart/Processed')).toBe(1);
    expect(await rows('select id from incidents')).toHaveLength(1);
  });

  it('a poller that cannot log in logs the problem once, keeps trying, and reads the mailbox once it can', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }));
    let password = 'wrong-password';
    const poller = startMailPoller({ open: () => openImapMailbox({ ...settings, password }), core: t.core, logger, intervalMs: 3_600_000 });
    try {
      expect(await poller.pollNow()).toEqual([]);
      expect(await poller.pollNow()).toEqual([]);
      expect(lines.filter((l) => l.includes('report mailbox poll failed'))).toHaveLength(1);
      expect(lines.join()).not.toContain('wrong-password');
      await admin.append('INBOX', Buffer.from('From: alerts@bank-secure.example\r\nSubject: Verify your account now\r\nMessage-ID: <poll@bank-secure.example>\r\n\r\nhttps://bank-secure.example/v\r\n'));
      password = dovecot.password;
      expect((await poller.pollNow()).map((r) => r.outcome)).toEqual(['opened']);
      expect(lines.filter((l) => l.includes('report mailbox reachable again'))).toHaveLength(1);
    } finally {
      await poller.stop();
    }
  });

  it.skipIf(!corpusPresent)('two pollers reading the mailbox at once handle each message once', async () => {
    const corpus = phishingCorpus().slice(0, 8);
    for (const c of corpus) await admin.append('INBOX', await forwardAsAttachment(c.raw, { reporter: 'alice@example.org', messageId: `<twice-${c.name}@example.org>` }));
    // On Postgres each poller has its own connection pool, as two replicas would; PGlite has one connection.
    const pools: Database[] = [];
    try {
      if (backend === 'postgres') for (let i = 0; i < 2; i++) pools.push(await openDatabase({ kind: 'postgres', url: t.database.url!, max: 2 }));
      const cores = backend === 'postgres' ? pools.map((p) => createCore({ ...t.deps, db: p.db })) : [t.core, t.core];
      const logger = createLogger('silent');
      const pollers = cores.map((core) => startMailPoller({ open: () => openImapMailbox(settings), core, logger, intervalMs: 3_600_000 }));
      // Each started a pass at once; pollNow waits for it, then makes sure one more finds nothing left.
      const passes = await Promise.all(pollers.map((p) => p.pollNow()));
      await Promise.all(pollers.map((p) => p.stop()));
      expect(passes.flat().filter((r) => r.outcome !== 'duplicate')).toEqual([]);
      // Every message was moved once, by the poller that handled it.
      expect(await rows('select id from reported_mails')).toHaveLength(corpus.length);
      expect(await rows('select id from evidence_items')).toHaveLength(corpus.length);
      const timeline = await rows<{ n: number }>("select count(*)::int as n from timeline_events where kind = 'phishing_reported'");
      expect(timeline[0]!.n).toBe(corpus.length);
      expect(await count('INBOX')).toBe(0);
      expect(await count('Rampart/Processed')).toBe(corpus.length);
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  });
});
