// Follow-ups in core: kept in step with each review version in the review's transaction, listed per scope with
// private incidents by reference only to outsiders, Done and Reassign with their events and access rule, and the
// daily reminder enqueued once per owner and day across sweeps and replicas. PGlite, and Postgres with TEST_DATABASE_URL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createCore } from '../../../src/core/core.js';
import { slackOutbox } from '../../../src/db/schema.js';
import type { ReviewContent } from '../../../src/core/reviews/review.js';
import type { ActionItem } from '../../../src/shared/action-item.js';
import { FOLLOWUP_SCHEDULE } from '../../../src/core/followups/deps.js';
import { buildDigest } from '../../../src/core/digest/build.js';
import { OUTSIDER, RESPONDER, slackUser, testCore } from '../../support/core.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore();
});
afterEach(async () => {
  await t.close();
});

const reporter = slackUser('U0REPORT');
const responder = slackUser(RESPONDER);
const outsider = slackUser(OUTSIDER);
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';

const review = (actionItems: ActionItem[]): ReviewContent => ({ summary: 'Phish reached finance.', impact: '', rootCause: '', wentWell: '', wentWrong: '', lessons: '', actionItems });
const item = (text: string, owner: string | null = ALICE, due: string | null = '2026-12-01'): ActionItem => ({ text, owner, due });
const events = async (ref = 'INC-1') => (await t.core.timeline(responder, ref)).events.filter((e) => e.kind.startsWith('followup_'));

describe('follow-ups from reviews', () => {
  it('adds, cancels, keeps done and reopens with each review version, one event per change, in the review’s transaction', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    const v1 = await t.core.reviews.save(responder, 'INC-1', review([item('Enforce MFA'), item('Train finance', BOB, null), item('Block the domain')]));
    expect(v1.followups).toEqual({ added: 3, reopened: 0, changed: 0, cancelled: 0 });
    const listed = await t.core.followups.list(responder, { kind: 'incident', ref: 'INC-1' });
    expect(listed.followups.map((f) => [f.text, f.owner, f.due, f.state])).toEqual([
      ['Enforce MFA', ALICE, '2026-12-01', 'open'],
      ['Block the domain', ALICE, '2026-12-01', 'open'],
      ['Train finance', BOB, null, 'open'],
    ]);
    const block = listed.followups[1]!;
    await t.core.followups.done(reporter, block.id);

    // Version 2 drops "Block the domain" (done: stays done) and "Train finance" (open: cancelled), adds one.
    const v2 = await t.core.reviews.save(responder, 'INC-1', review([item('Enforce MFA'), item('Rotate keys', BOB, '2026-12-03')]));
    expect(v2.followups).toEqual({ added: 1, reopened: 0, changed: 0, cancelled: 1 });
    // Version 3 names "Train finance" again: open again.
    const v3 = await t.core.reviews.save(responder, 'INC-1', review([item('Enforce MFA'), item('Rotate keys', BOB, '2026-12-03'), item('Train finance', ALICE, '2026-12-10')]));
    expect(v3.followups).toEqual({ added: 0, reopened: 1, changed: 0, cancelled: 0 });

    const after = await t.core.followups.list(responder, { kind: 'incident', ref: 'INC-1' });
    expect(after.followups.map((f) => [f.text, f.state])).toEqual([
      ['Enforce MFA', 'open'],
      ['Rotate keys', 'open'],
      ['Train finance', 'open'],
      ['Block the domain', 'done'],
    ]);
    expect((await events()).map((e) => [e.kind, e.payload.text])).toEqual([
      ['followup_added', 'Enforce MFA'],
      ['followup_added', 'Train finance'],
      ['followup_added', 'Block the domain'],
      ['followup_done', 'Block the domain'],
      ['followup_added', 'Rotate keys'],
      ['followup_cancelled', 'Train finance'],
      ['followup_added', 'Train finance'],
    ]);
    expect((await events()).at(-1)!.payload).toMatchObject({ reopened: true, owner: ALICE, due: '2026-12-10' });
  });

  it('writes no follow-up when the review is refused', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await expect(t.core.reviews.save(outsider, 'INC-9', review([item('Enforce MFA')]))).rejects.toThrow(/INC-9/);
    await t.core.reviews.save(responder, 'INC-1', review([item('Enforce MFA')]));
    await expect(t.core.reviews.save(responder, 'INC-1', review([item('Enforce MFA')]))).rejects.toThrow(/Nothing changed/);
    expect((await t.core.followups.list(responder, { kind: 'incident', ref: 'INC-1' })).followups).toHaveLength(1);
    expect(await events()).toHaveLength(1);
  });

  it('keeps a Reassign when a later version leaves the item alone, and takes a new owner the review names', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await t.core.reviews.save(responder, 'INC-1', review([item('Enforce MFA')]));
    const [f] = (await t.core.followups.list(responder, { kind: 'mine' })).followups;
    expect(f).toBeUndefined(); // the responder owns none
    const id = (await t.core.followups.list(responder, { kind: 'incident', ref: 'INC-1' })).followups[0]!.id;
    const moved = await t.core.followups.reassign(responder, id, BOB);
    expect(moved).toMatchObject({ changed: true, followup: { owner: BOB } });
    await t.core.reviews.save(responder, 'INC-1', { ...review([item('Enforce MFA')]), impact: 'Two mailboxes.' });
    expect((await t.core.followups.list(slackUser(BOB), { kind: 'mine' })).followups.map((x) => x.owner)).toEqual([BOB]);
    await t.core.reviews.save(responder, 'INC-1', review([item('Enforce MFA', 'U0CAROL')]));
    expect((await t.core.followups.list(responder, { kind: 'incident', ref: 'INC-1' })).followups[0]!.owner).toBe('U0CAROL');
    expect((await events()).filter((e) => e.kind === 'followup_reassigned').map((e) => e.payload)).toEqual([
      { followupId: id, text: 'Enforce MFA', from: ALICE, to: BOB, via: 'reassign' },
      { followupId: id, text: 'Enforce MFA', from: BOB, to: 'U0CAROL', via: 'review' },
    ]);
  });
});

describe('follow-ups in the report', () => {
  it('puts them in the report header, open first, and leaves the field out without any', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    expect((await t.core.report(responder, 'INC-1')).source.header).not.toHaveProperty('followups');
    await t.core.reviews.save(responder, 'INC-1', review([item('Done one', BOB, '2026-11-01'), item('Open one', ALICE, '2026-12-09')]));
    const first = (await t.core.followups.list(responder, { kind: 'incident', ref: 'INC-1' })).followups[0]!;
    await t.core.followups.done(responder, first.id);
    expect((await t.core.report(responder, 'INC-1')).source.header.followups).toEqual([
      { text: 'Open one', owner: ALICE, due: '2026-12-09', state: 'open' },
      { text: 'Done one', owner: BOB, due: '2026-11-01', state: 'done' },
    ]);
  });
});

describe('lists, Done and Reassign', () => {
  async function twoIncidents() {
    await t.core.declare(reporter, { title: 'Public phish', private: false });
    await t.core.declare(reporter, { title: 'Payroll leak', type: 'data-leak' });
    await t.core.reviews.save(responder, 'INC-1', review([item('Public item', BOB, '2026-12-05')]));
    await t.core.reviews.save(responder, 'INC-2', review([item('Secret item', ALICE, '2026-12-01')]));
  }

  it('shows a private incident’s follow-ups by reference only to people who may not see it', async () => {
    await twoIncidents();
    const forOutsider = await t.core.followups.list(outsider, { kind: 'open' });
    expect(forOutsider.followups).toEqual([
      expect.objectContaining({ ref: 'INC-1', redacted: false, text: 'Public item', owner: BOB }),
      { id: expect.any(Number) as number, ref: 'INC-2', incidentNumber: 2, redacted: true, state: 'open', owner: null, due: null },
    ]);
    expect(JSON.stringify(forOutsider)).not.toContain('Secret item');
    // The owner of a follow-up takes part in the incident: they see it.
    const forAlice = await t.core.followups.list(slackUser(ALICE), { kind: 'mine' });
    expect(forAlice.followups.map((f) => [f.ref, f.text])).toEqual([['INC-2', 'Secret item']]);
    expect((await t.core.followups.list(responder, { kind: 'open' })).followups.map((f) => f.text)).toEqual(['Secret item', 'Public item']);
    // Naming the private incident is refused outright for an outsider.
    await expect(t.core.followups.list(outsider, { kind: 'incident', ref: 'INC-2' })).rejects.toThrow(/INC-2 is private/);
    // The weekly digest, posted where outsiders read it: the private incident's follow-up by reference only.
    const digest = await buildDigest(t.deps, t.clock.now());
    expect(digest.followups).toEqual([
      { ref: 'INC-1', redacted: false, text: 'Public item', owner: BOB, due: '2026-12-05', overdue: false },
      { ref: 'INC-2', redacted: true, count: 1, overdue: 0 },
    ]);
    // App Home's read: a person's own, as they may see them.
    expect((await t.core.followups.forPerson(slackUser(BOB), BOB)).map((f) => f.text)).toEqual(['Public item']);
  });

  it('lets only people who may see the incident mark it done or reassign it, and says when it is no longer open', async () => {
    await twoIncidents();
    const secret = (await t.core.followups.list(responder, { kind: 'incident', ref: 'INC-2' })).followups[0]!;
    await expect(t.core.followups.done(outsider, secret.id)).rejects.toThrow(/INC-2 is private/);
    await expect(t.core.followups.reassign(outsider, secret.id, BOB)).rejects.toThrow(/INC-2 is private/);
    await expect(t.core.followups.reassign(responder, secret.id, 'nobody')).rejects.toThrow(/Choose a person/);
    await expect(t.core.followups.done(responder, 999)).rejects.toThrow(/no longer exists/);
    const done = await t.core.followups.done(slackUser(ALICE), secret.id);
    expect(done).toMatchObject({ changed: true, followup: { state: 'done', changedBy: ALICE } });
    expect(await t.core.followups.done(responder, secret.id)).toMatchObject({ changed: false, message: 'That INC-2 follow-up is already done.' });
    expect(await t.core.followups.reassign(responder, secret.id, BOB)).toMatchObject({ changed: false });
    expect((await events('INC-2')).map((e) => [e.kind, e.actor])).toEqual([
      ['followup_added', RESPONDER],
      ['followup_done', ALICE],
    ]);
  });
});

describe('due reminders', () => {
  const replica = (replicaId: string) =>
    createCore({ ...t.deps, followups: { schedule: { name: FOLLOWUP_SCHEDULE, cron: '0 9 * * *', timezone: 'Europe/Paris', graceMs: 12 * 3_600_000 }, replicaId, leaseMs: 5 * 60_000 } });
  const reminders = () => t.database.db.select().from(slackOutbox).where(eq(slackOutbox.kind, 'followups_due')).orderBy(slackOutbox.id);

  it('sends each owner one direct message a day listing what is due or overdue, whatever the sweeps and replicas', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await t.core.reviews.save(
      responder,
      'INC-1',
      review([item('Overdue', ALICE, '2026-11-30'), item('Due today', ALICE, '2026-12-01'), item('Later', ALICE, '2026-12-05'), item('Bob’s', BOB, '2026-12-01'), item('No owner', null, '2026-11-01')]),
    );
    const [a, b] = [replica('replica-a'), replica('replica-b')];
    // Before the first slot (09:00 Paris = 08:00 UTC on 1 Dec), nothing.
    t.clock.set('2026-12-01T07:59:00Z');
    expect(await a.followups.runDue()).toEqual([]);
    t.clock.set('2026-12-01T08:00:30Z');
    // Both replicas at the same minute: one claims the slot and sends; the other finds it taken.
    const outcomes = (await Promise.all([a.followups.runDue(), b.followups.runDue()])).flat();
    expect(outcomes.filter((o) => o.kind === 'posted')).toHaveLength(1);
    // The minutely sweep, on both, later in the day; and a restart (a new core) sweeping again.
    t.clock.advance(3 * 3_600_000);
    await a.followups.runDue();
    await b.followups.runDue();
    await replica('replica-a-restarted').followups.runDue();
    const sent = await reminders();
    expect(sent.map((r) => [r.lane, r.key])).toEqual([
      [ALICE, `followups-due:${ALICE}:2026-12-01`],
      [BOB, `followups-due:${BOB}:2026-12-01`],
    ]);
    expect((sent[0]!.payload as unknown as { items: { text: string; due: string }[] }).items.map((i) => [i.text, i.due])).toEqual([
      ['Overdue', '2026-11-30'],
      ['Due today', '2026-12-01'],
    ]);

    // The next day: Bob marked his done; Alice still has hers, so she hears again, once.
    const bobs = (await t.core.followups.list(slackUser(BOB), { kind: 'mine' })).followups[0]!;
    await t.core.followups.done(slackUser(BOB), bobs.id);
    t.clock.set('2026-12-02T08:01:00Z');
    await Promise.all([a.followups.runDue(), b.followups.runDue()]);
    await a.followups.runDue();
    const next = (await reminders()).filter((r) => r.key.endsWith('2026-12-02'));
    expect(next.map((r) => r.lane)).toEqual([ALICE]);
  });

  it('sends a reminder a replica claimed but died before enqueueing, once its lease runs out', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await t.core.reviews.save(responder, 'INC-1', review([item('Overdue', ALICE, '2026-11-30')]));
    t.clock.set('2026-12-01T08:00:30Z');
    // A replica that claimed the slot and stopped: its claim row, with a lease.
    const { claimSlot } = await import('../../../src/core/schedules/claim.js');
    await claimSlot({ db: t.database.db, clock: t.clock, replicaId: 'dead', leaseMs: 5 * 60_000 }, FOLLOWUP_SCHEDULE, new Date('2026-12-01T08:00:00Z'));
    const live = replica('live');
    expect(await live.followups.runDue()).toEqual([]);
    expect(await reminders()).toHaveLength(0);
    t.clock.advance(6 * 60_000);
    expect((await live.followups.runDue()).map((o) => o.kind)).toEqual(['posted']);
    expect((await reminders()).map((r) => r.key)).toEqual([`followups-due:${ALICE}:2026-12-01`]);
    expect(await t.database.db.select().from(slackOutbox).where(and(eq(slackOutbox.kind, 'followups_due'), eq(slackOutbox.lane, BOB)))).toEqual([]);
  });
});
