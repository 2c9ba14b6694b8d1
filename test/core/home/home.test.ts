// core.home: one read with the access rules applied (private incidents only for their viewers, the awareness figures
// only for admins), a person's open steps across incidents, the page remembered, and Home tab refreshes enqueued in
// the change's own transaction for the people it concerns who have opened App Home.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { slackOutbox } from '../../../src/db/schema.js';
import { AppError } from '../../../src/shared/errors.js';
import { emptyTestDatabase } from '../../support/db.js';
import { ADMIN, OUTSIDER, RESPONDER, slackUser, testCore } from '../../support/core.js';
import { aLibrary, aPlaybook } from '../../support/playbooks.js';

let t: Awaited<ReturnType<typeof testCore>>;
// Whether Slack answers membership questions (a test makes it fail).
let slackAnswers = true;
beforeAll(async () => {
  t = await testCore({
    playbooks: aLibrary(aPlaybook()),
    access: {
      isChannelMember: async () => {
        if (!slackAnswers) throw new Error('Slack is down');
        return false;
      },
    },
  });
});
beforeEach(async () => {
  slackAnswers = true;
  await emptyTestDatabase(t.database);
});
afterAll(async () => {
  await t.close();
});

const lead = slackUser(RESPONDER);
const alice = slackUser('U0ALICE01');
const bob = slackUser('U0BOB0001');
const outsider = slackUser(OUTSIDER);

async function refreshes(): Promise<{ lane: string; key: string }[]> {
  const rows = await t.database.db.select().from(slackOutbox).where(eq(slackOutbox.kind, 'home_refreshed')).orderBy(slackOutbox.id);
  return rows.map((r) => ({ lane: r.lane, key: r.key }));
}

describe('core.home', () => {
  it('lists a person’s open steps across incidents: theirs by role or by assignment, soonest due first', async () => {
    const one = (await t.core.declare(bob, { title: 'Odd mail', type: 'phishing', private: false })).incident;
    const two = (await t.core.declare(bob, { title: 'More odd mail', type: 'phishing', private: false })).incident;
    await t.core.assignRole(lead, one.ref, 'commander', alice.id);
    const { run: run1 } = await t.core.playbooks.start(lead, one.ref, 'test-phish');
    const { run: run2 } = await t.core.playbooks.start(lead, two.ref, 'test-phish');
    await t.core.playbooks.changeStep(lead, { runId: run2.id, step: 3 }, { kind: 'assign', userId: alice.id });
    await t.core.playbooks.changeStep(lead, { runId: run2.id, step: 6 }, { kind: 'assign', userId: alice.id });
    await t.core.playbooks.changeStep(alice, { runId: run2.id, step: 6 }, { kind: 'done' });
    const home = await t.core.home.open(alice);
    // INC-1 step 1 is the commander's (due in 30 min), INC-2 step 3 assigned to her (due in 1 h); step 6 is done.
    expect(home.steps.map((s) => [s.ref, s.number, s.title])).toEqual([
      ['INC-1', 1, 'Get the headers'],
      ['INC-2', 3, 'Block the sender'],
    ]);
    expect(home.mine.map((i) => [i.ref, i.roles, i.reporter])).toEqual([['INC-1', ['commander'], false]]);
    expect((await t.core.home.open(bob)).steps).toEqual([]);
    expect(run1.id).not.toBe(run2.id);
  });

  it('leaves private incidents out for outsiders, and says the list may be incomplete when Slack cannot say', async () => {
    await t.core.declare(bob, { title: 'Payroll takeover', type: 'account-compromise', private: true });
    await t.core.declare(bob, { title: 'Public odd mail', type: 'phishing', private: false });
    const outsiders = await t.core.home.open(outsider);
    expect(outsiders.open.map((i) => i.title)).toEqual(['Public odd mail']);
    expect(outsiders.incomplete).toBe(false);
    expect((await t.core.home.open(bob)).open.map((i) => i.title)).toEqual(['Public odd mail', 'Payroll takeover']);
    expect((await t.core.home.open(lead)).open).toHaveLength(2);
    await t.database.db.execute(sql`update incidents set channel_id = 'C0PAYROLL' where number = 1`);
    slackAnswers = false;
    const unsure = await t.core.home.open(outsider);
    expect(unsure.open.map((i) => i.title)).toEqual(['Public odd mail']);
    expect(unsure.incomplete).toBe(true);
  });

  it('gives the awareness figures to admins only', async () => {
    const admin = await t.core.home.open(slackUser(ADMIN));
    expect(admin.awareness).toMatchObject({ setUp: true, paused: false, nextPost: new Date('2026-11-30T08:00:00Z'), lastWeek: { acks: 0, audience: 0, rate: null } });
    expect((await t.core.home.open(lead)).awareness).toBeUndefined();
    expect((await t.core.home.open(outsider)).awareness).toBeUndefined();
  });

  it('remembers the page a person turned to, for the refreshes that follow', async () => {
    expect((await t.core.home.open(alice)).page).toBe(1);
    expect((await t.core.home.open(alice, { page: 3 })).page).toBe(3);
    expect((await t.core.home.read(alice)).page).toBe(3);
    expect((await t.core.home.open(alice)).page).toBe(3);
    expect((await t.core.home.read(bob)).page).toBe(1);
  });
});

describe('Home tab refreshes', () => {
  it('are enqueued with the change for the people it concerns who opened App Home, once per transaction', async () => {
    const { incident } = await t.core.declare(bob, { title: 'Odd mail', type: 'phishing', private: false });
    // Nobody has opened App Home yet: nothing to refresh.
    expect(await refreshes()).toEqual([]);
    await t.core.home.open(alice);
    await t.core.home.open(outsider);
    await t.core.assignRole(lead, incident.ref, 'commander', alice.id);
    expect(await refreshes()).toEqual([{ lane: alice.id, key: expect.stringMatching(new RegExp(`^home:${alice.id}:${incident.id}:\\d+$`)) }]);
    await t.core.changeStatus(lead, incident.ref, 'investigating');
    expect((await refreshes()).map((r) => r.lane)).toEqual([alice.id, alice.id]);
    // A note changes nothing the Home tab shows; a refused change writes nothing at all.
    await t.core.addNote(lead, incident.ref, 'checked the headers');
    await expect(t.core.changeStatus(lead, incident.ref, 'closed')).rejects.toBeInstanceOf(AppError);
    expect(await refreshes()).toHaveLength(2);
  });

  it('reach the person who lost a role and the people given steps', async () => {
    const { incident } = await t.core.declare(bob, { title: 'Odd mail', type: 'phishing', private: false });
    await t.core.assignRole(lead, incident.ref, 'commander', alice.id);
    const { run } = await t.core.playbooks.start(lead, incident.ref, 'test-phish');
    await t.core.home.open(alice);
    await t.core.home.open(outsider);
    await t.core.playbooks.changeStep(lead, { runId: run.id, step: 2 }, { kind: 'assign', userId: OUTSIDER });
    expect((await refreshes()).map((r) => r.lane).sort()).toEqual([alice.id, OUTSIDER].sort());
    await t.core.assignRole(lead, incident.ref, 'commander', RESPONDER);
    // Alice lost the role (and the outsider still has a step): both refreshed again.
    expect((await refreshes()).map((r) => r.lane).sort()).toEqual([alice.id, alice.id, OUTSIDER, OUTSIDER].sort());
  });

  it('reach a follow-up’s owner when it is added and when it is done', async () => {
    const { incident } = await t.core.declare(bob, { title: 'Odd mail', type: 'phishing', private: false });
    await t.core.home.open(outsider);
    const review = { summary: 'S', impact: '', rootCause: '', wentWell: '', wentWrong: '', lessons: '' };
    await t.core.reviews.save(lead, incident.ref, { ...review, actionItems: [{ text: 'Block the sender domain', owner: OUTSIDER, due: null }] });
    expect((await refreshes()).map((r) => r.lane)).toEqual([OUTSIDER]);
    const { followups } = await t.core.followups.list(lead, { kind: 'incident', ref: incident.ref });
    await t.core.followups.done(lead, followups[0]!.id);
    expect((await refreshes()).map((r) => r.lane)).toEqual([OUTSIDER, OUTSIDER]);
  });
});
