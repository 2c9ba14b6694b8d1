// Evidence in core: items logged with EV numbers, back-dated collection times read in their zone, custody transfers
// and hash re-checks as timeline events in the change's transaction (a mismatch recorded and posted, never refused),
// the private-incident rules, bad input refused with nothing written, and the evidence log in the report.
// PGlite, and Postgres with TEST_DATABASE_URL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { evidenceItems, slackOutbox } from '../../../src/db/schema.js';
import { collect } from '../../support/report-fixture.js';
import { renderMarkdown } from '../../../src/core/reports/formats/markdown.js';
import { renderJson } from '../../../src/core/reports/formats/json.js';
import { renderCsv } from '../../../src/core/reports/formats/csv.js';
import { renderHtml } from '../../../src/core/reports/formats/html.js';
import { OUTSIDER, RESPONDER, slackUser, testCore } from '../../support/core.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore({ now: '2026-12-04T15:00:00Z' });
});
afterEach(async () => {
  await t.close();
});

const reporter = slackUser('U0REPORT');
const responder = slackUser(RESPONDER);
const outsider = slackUser(OUTSIDER);
const cli = { id: 'cli', source: 'cli' as const };
const HASH = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const evidenceEvents = async (ref = 'INC-1') => (await t.core.timeline(responder, ref)).events.filter((e) => e.kind.startsWith('evidence_'));

describe('logging evidence', () => {
  it('numbers items across incidents, reads a back-dated time in its zone and records the event at that time', async () => {
    await t.core.declare(reporter, { title: 'Laptop stolen', type: 'other' });
    await t.core.declare(reporter, { title: 'Phish', type: 'phishing', private: false });
    const first = await t.core.evidence.add(reporter, 'INC-1', {
      description: 'Disk image of the laptop',
      location: 'Locker 4, room B',
      sha256: `SHA256:${HASH.toUpperCase()}`,
      collectedAt: '2026-12-04 09:30',
      zone: 'America/New_York',
    });
    expect(first.ref).toBe('EV-1');
    expect(first.item).toMatchObject({ sha256: HASH, collectedBy: 'U0REPORT', holder: 'U0REPORT', collectedZone: 'America/New_York', tlp: null });
    // 09:30 in New York (UTC-5 in December) is 14:30 UTC.
    expect(first.item.collectedAt.toISOString()).toBe('2026-12-04T14:30:00.000Z');
    const second = await t.core.evidence.add(responder, 'INC-2', { description: 'Phishing email (.eml)', location: 'Case share', holder: 'Acme Forensics' });
    expect(second.ref).toBe('EV-2');
    expect(second.item.collectedAt.toISOString()).toBe('2026-12-04T15:00:00.000Z');
    expect(second.item.collectedZone).toBe('Europe/Paris');

    const [added] = await evidenceEvents();
    expect(added!.kind).toBe('evidence_added');
    expect(added!.occurredAt.toISOString()).toBe('2026-12-04T14:30:00.000Z');
    expect(added!.recordedAt.toISOString()).toBe('2026-12-04T15:00:00.000Z');
    expect(added!.payload).toMatchObject({ evidence: 'EV-1', sha256: HASH, collectedAt: '2026-12-04T09:30:00.000-05:00', zone: 'America/New_York' });
  });

  it('refuses bad input with a specific message and writes nothing', async () => {
    await t.core.declare(reporter, { title: 'Laptop stolen', type: 'other', private: false });
    const base = { description: 'Disk image', location: 'Locker 4' };
    const cases: [Parameters<typeof t.core.evidence.add>[2], RegExp][] = [
      [{ ...base, description: '  ' }, /Say what the item is/],
      [{ ...base, location: '' }, /Say where the item is stored/],
      [{ ...base, sha256: 'abc123' }, /not a SHA-256/],
      [{ ...base, zone: 'Mars/Olympus' }, /not an IANA time zone/],
      [{ ...base, collectedAt: 'yesterday' }, /not a time/],
      [{ ...base, collectedAt: '2026-12-05T10:00' }, /in the future/],
      [{ ...base, tlp: 'PURPLE' }, /not a TLP marking/],
      // INC-1 is public: its marking is AMBER, and an item may only be stricter.
      [{ ...base, tlp: 'GREEN' }, /looser than the incident’s TLP:AMBER/],
    ];
    for (const [input, message] of cases) await expect(t.core.evidence.add(responder, 'INC-1', input)).rejects.toThrow(message);
    expect(await t.database.db.select().from(evidenceItems)).toEqual([]);
    expect(await evidenceEvents()).toEqual([]);
    // A stricter marking is kept.
    expect((await t.core.evidence.add(responder, 'INC-1', { ...base, tlp: 'tlp:amber+strict' })).item.tlp).toBe('AMBER+STRICT');
  });

  it('a private incident’s evidence is refused to outsiders, who learn only its reference', async () => {
    await t.core.declare(reporter, { title: 'Payroll leak', type: 'data-leak' });
    await t.core.evidence.add(reporter, 'INC-1', { description: 'Sharing log export', location: 'Case share', sha256: HASH });
    await expect(t.core.evidence.add(outsider, 'INC-1', { description: 'x', location: 'y' })).rejects.toThrow('INC-1 is private');
    await expect(t.core.evidence.list(outsider, 'INC-1')).rejects.toThrow('INC-1 is private');
    await expect(t.core.evidence.check(outsider, 'EV-1', HASH, 'given')).rejects.toThrow('INC-1 is private');
    await expect(t.core.evidence.transfer(outsider, 'EV-1', 'U0OUTSIDE', 'mine now')).rejects.toThrow('INC-1 is private');
    expect((await t.core.evidence.list(reporter, 'INC-1')).entries).toHaveLength(1);
  });
});

describe('custody transfers', () => {
  it('the holder hands an item on with a reason; each link is an event and the log shows the chain', async () => {
    await t.core.declare(reporter, { title: 'Laptop stolen', type: 'other' });
    await t.core.evidence.add(reporter, 'INC-1', { description: 'Laptop', location: 'Locker 4' });
    const moved = await t.core.evidence.transfer(reporter, 'ev-1', 'U0ALICE', 'For imaging');
    expect(moved.from).toBe('U0REPORT');
    // Alice holds it now: she hands it to a courier by name.
    await t.core.evidence.transfer(slackUser('U0ALICE'), 'EV1', 'DHL courier 4471', 'Sent to the forensic firm');
    const { entries } = await t.core.evidence.list(responder, 'INC-1');
    expect(entries[0]!.item.holder).toBe('DHL courier 4471');
    // Holding the item let Alice see the private incident; once she handed it on, she no longer does.
    await expect(t.core.evidence.list(slackUser('U0ALICE'), 'INC-1')).rejects.toThrow('INC-1 is private');
    expect(entries[0]!.transfers.map((c) => [c.from, c.to, c.reason, c.by])).toEqual([
      ['U0REPORT', 'U0ALICE', 'For imaging', 'U0REPORT'],
      ['U0ALICE', 'DHL courier 4471', 'Sent to the forensic firm', 'U0ALICE'],
    ]);
    expect((await evidenceEvents()).map((e) => e.kind)).toEqual(['evidence_added', 'evidence_transferred', 'evidence_transferred']);
  });

  it('someone who does not hold the item needs to be its commander or a responder; a reason is required', async () => {
    await t.core.declare(reporter, { title: 'Laptop stolen', type: 'other', private: false });
    await t.core.evidence.add(reporter, 'INC-1', { description: 'Laptop', location: 'Locker 4' });
    await expect(t.core.evidence.transfer(slackUser('U0BOB'), 'EV-1', 'U0BOB', 'I have it')).rejects.toThrow('Only its commander and responders can transfer evidence someone else holds.');
    await expect(t.core.evidence.transfer(responder, 'EV-1', 'U0BOB', '  ')).rejects.toThrow('Say why EV-1 changes hands');
    await expect(t.core.evidence.transfer(responder, 'EV-9', 'U0BOB', 'x')).rejects.toThrow('There is no evidence item EV-9.');
    await expect(t.core.evidence.transfer(responder, 'INC-1', 'U0BOB', 'x')).rejects.toThrow('is not an evidence reference');
    await expect(t.core.evidence.transfer(responder, 'EV-1', 'U0REPORT', 'x')).rejects.toThrow('already held by U0REPORT');
    await t.core.evidence.transfer(responder, 'EV-1', 'U0BOB', 'Seized from the reporter’s desk');
    expect((await evidenceEvents()).map((e) => e.kind)).toEqual(['evidence_added', 'evidence_transferred']);
  });
});

describe('hash re-checks', () => {
  it('a match is recorded quietly; a mismatch is recorded, never refused, and posted in the incident channel once', async () => {
    const { incident } = await t.core.declare(reporter, { title: 'Laptop stolen', type: 'other' });
    await t.core.attachChannel(incident.id, { id: 'C0INC1', name: 'inc-1-laptop', private: false });
    await t.core.evidence.add(reporter, 'INC-1', { description: 'Disk image', location: 'Locker 4', sha256: HASH });
    expect((await t.core.evidence.check(responder, 'EV-1', HASH, 'file')).matches).toBe(true);
    const bad = await t.core.evidence.check(cli, 'EV-1', OTHER, 'given');
    expect(bad).toMatchObject({ matches: false, expected: HASH, actual: OTHER });
    const checks = (await evidenceEvents()).filter((e) => e.kind === 'evidence_checked');
    expect(checks.map((e) => e.payload)).toEqual([
      expect.objectContaining({ evidence: 'EV-1', matches: true, via: 'file' }),
      expect.objectContaining({ evidence: 'EV-1', matches: false, via: 'given', expected: HASH, actual: OTHER }),
    ]);
    const posted = await t.database.db.select().from(slackOutbox).where(eq(slackOutbox.kind, 'evidence_mismatch'));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.lane).toBe('C0INC1');
    expect(posted[0]!.payload).toMatchObject({ ref: 'INC-1', evidence: 'EV-1', expected: HASH, actual: OTHER, by: 'cli' });
    const { entries } = await t.core.evidence.list(responder, 'INC-1');
    expect(entries[0]!.checks.map((c) => c.matches)).toEqual([true, false]);
  });

  it('an item logged without a hash, or a malformed hash, is refused with nothing recorded', async () => {
    await t.core.declare(reporter, { title: 'Laptop stolen', type: 'other' });
    await t.core.evidence.add(reporter, 'INC-1', { description: 'Paper visitor log', location: 'Safe' });
    await t.core.evidence.add(reporter, 'INC-1', { description: 'Disk image', location: 'Locker 4', sha256: HASH });
    await expect(t.core.evidence.check(responder, 'EV-1', HASH, 'given')).rejects.toThrow('EV-1 has no SHA-256 logged');
    await expect(t.core.evidence.check(responder, 'EV-2', 'not-a-hash', 'given')).rejects.toThrow('not a SHA-256');
    expect((await evidenceEvents()).map((e) => e.kind)).toEqual(['evidence_added', 'evidence_added']);
  });
});

describe('the evidence log in reports', () => {
  it('Markdown lists each item with its marking and custody chain; JSON carries it; CSV has its events', async () => {
    await t.core.declare(reporter, { title: 'Laptop stolen', type: 'other' });
    await t.core.evidence.add(reporter, 'INC-1', { description: 'Disk <image>', location: 'Locker | 4', sha256: HASH, tlp: 'RED', collectedAt: '2026-12-04T08:00', zone: 'UTC' });
    await t.core.evidence.transfer(reporter, 'EV-1', 'Acme Forensics', 'Imaging');
    await t.core.evidence.check(cli, 'EV-1', OTHER, 'file');
    const report = async () => (await t.core.report(responder, 'INC-1')).source;
    const md = await collect(renderMarkdown(await report()));
    const section = md.slice(md.indexOf('## Evidence log'));
    expect(section.split('\n').filter(Boolean).slice(0, 8)).toEqual([
      '## Evidence log',
      '| Item | What | Stored at | SHA-256 | Collected | Holder | Marking |',
      '|---|---|---|---|---|---|---|',
      `| EV-1 | Disk &lt;image> | Locker \\| 4 | ${HASH} | U0REPORT, 2026-12-04 08:00 (UTC, UTC+00:00) | Acme Forensics | TLP:RED |`,
      '### EV-1 chain of custody',
      '- 2026-12-04 09:00:00 +01:00: collected by U0REPORT',
      '- 2026-12-04 16:00:00 +01:00: U0REPORT → Acme Forensics: Imaging (recorded by U0REPORT)',
      `- **2026-12-04 16:00:00 +01:00: HASH MISMATCH (computed from the file) by cli: expected ${HASH}, got ${OTHER}**`,
    ]);
    const doc = JSON.parse(await collect(renderJson(await report()))) as { evidence: unknown[] };
    expect(doc.evidence).toEqual([
      expect.objectContaining({ ref: 'EV-1', tlp: 'RED', sha256: HASH, collectedAt: '2026-12-04T08:00:00.000Z', zone: 'UTC', holder: 'Acme Forensics', custody: [expect.objectContaining({ to: 'Acme Forensics', reason: 'Imaging' })], checks: [expect.objectContaining({ matches: false, actual: OTHER })] }),
    ]);
    const html = await collect(renderHtml(await report()));
    expect(html).toContain('<section id="evidence"><h2>Evidence log</h2>');
    expect(html).toContain('<td>Disk &lt;image&gt;</td>');
    expect(html).not.toContain('<image>');
    expect(html).toMatch(/<li class="mismatch">[^<]*HASH MISMATCH \(computed from the file\) by cli/);
    const csv = await collect(renderCsv(await report()));
    expect(csv).toContain('HASH MISMATCH on evidence EV-1');
    expect(csv).toContain('Evidence EV-1 custody U0REPORT → Acme Forensics: Imaging');
  });

  it('a RED item of a public incident never reaches an AMBER reader: list, report, its events, the mismatch post', async () => {
    const { incident } = await t.core.declare(reporter, { title: 'Laptop stolen', type: 'other', private: false });
    await t.core.attachChannel(incident.id, { id: 'C0INC1', name: 'inc-1-laptop', private: false });
    await t.core.evidence.add(responder, 'INC-1', { description: 'Diary of the director', location: 'Safe 2', sha256: HASH, tlp: 'RED' });
    await t.core.evidence.add(responder, 'INC-1', { description: 'Visitor log', location: 'Front desk' });
    await t.core.evidence.transfer(responder, 'EV-1', 'Acme Forensics', 'Imaging the diary');
    await t.core.evidence.check(responder, 'EV-1', OTHER, 'given');
    // The outsider may see the public incident but is none of its people: an AMBER reader.
    const list = await t.core.evidence.list(outsider, 'INC-1');
    expect(list.entries.map((e) => e.ref)).toEqual(['EV-2']);
    expect(list.withheld).toBe(1);
    expect((await t.core.evidence.list(responder, 'INC-1')).entries.map((e) => e.ref)).toEqual(['EV-1', 'EV-2']);
    for (const audience of ['AMBER', 'requester'] as const) {
      const { source } = await t.core.tlp.report(outsider, 'INC-1', { audience });
      const all = (await collect(renderMarkdown(source))) + (await collect(renderJson(source))) + (await collect(renderCsv(source))) + (await collect(renderHtml(source)));
      expect(all).not.toContain('Diary');
      expect(all).toContain('Visitor log');
    }
    const posted = await t.database.db.select().from(slackOutbox).where(eq(slackOutbox.kind, 'evidence_mismatch'));
    expect(JSON.stringify(posted[0]!.payload)).not.toContain('Diary');
    expect(posted[0]!.payload).toMatchObject({ evidence: 'EV-1', description: '(marked TLP:RED)' });
  });
});
