// "Was this you?" in core: asking (who may, the question redacted before it is stored or sent), the answer recorded
// once and only by the person asked, the reminder and the report to the commander each once however often the sweep
// runs, and the list for people who may see the incident. PGlite, and Postgres with TEST_DATABASE_URL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { incidentAsks, slackOutbox } from '../../../src/db/schema.js';
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
const COMMANDER = 'U0COMMAND';
const MIN = 60_000;
const SECRET = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';

const outbox = async () =>
  (await t.database.db.select({ key: slackOutbox.key, kind: slackOutbox.kind, lane: slackOutbox.lane, payload: slackOutbox.payload }).from(slackOutbox).orderBy(asc(slackOutbox.id))).filter((r) =>
    r.kind.startsWith('ask_'),
  );
const askEvents = async (ref = 'INC-1') => (await t.core.timeline(responder, ref)).events.filter((e) => e.kind.startsWith('ask_'));

/** A private account-compromise incident with a commander, and one question to alice. */
async function asked(question = 'Did you sign in from Lagos at 03:12?') {
  await t.core.declare(reporter, { title: 'Odd sign-in for alice', type: 'account-compromise' });
  await t.core.assignRole(responder, 'INC-1', 'commander', COMMANDER);
  return t.core.asks.ask(responder, 'INC-1', ALICE, question);
}

describe('asking', () => {
  it('stores the question redacted, appends ask_sent and enqueues one direct message to the person with the reference only', async () => {
    const { ask, incident } = await asked(`Did you paste ${SECRET} into the wiki?`);
    expect(incident.private).toBe(true);
    expect(ask.question).toBe('Did you paste [redacted: github-token] into the wiki?');
    const [row] = await t.database.db.select().from(incidentAsks);
    expect(row!.question).not.toContain(SECRET);
    expect(row!.remindAt!.toISOString()).toBe('2026-11-24T12:00:00.000Z');
    expect(row!.escalateAt!.toISOString()).toBe('2026-11-24T14:00:00.000Z');
    const [event] = await askEvents();
    expect(event).toMatchObject({ kind: 'ask_sent', actor: RESPONDER, payload: { askId: ask.id, userId: ALICE, by: RESPONDER, redacted: ['github-token'] } });
    const rows = await outbox();
    expect(rows).toEqual([
      { key: `ask:${ask.id}:sent`, kind: 'ask_sent', lane: ALICE, payload: { askId: ask.id, ref: 'INC-1', drill: false, userId: ALICE, by: RESPONDER, question: ask.question } },
    ]);
    expect(JSON.stringify(rows)).not.toContain('Odd sign-in');
  });

  it('is for the commander and responders; bad input is refused with nothing written', async () => {
    await t.core.declare(reporter, { title: 'Odd sign-in', type: 'account-compromise' });
    await expect(t.core.asks.ask(reporter, 'INC-1', ALICE, 'Was this you?')).rejects.toMatchObject({ code: 'not_authorized' });
    await expect(t.core.asks.ask(outsider, 'INC-1', ALICE, 'Was this you?')).rejects.toMatchObject({ code: 'not_authorized' });
    await expect(t.core.asks.ask(responder, 'INC-1', 'alice', 'Was this you?')).rejects.toThrow('Mention the person to ask');
    await expect(t.core.asks.ask(responder, 'INC-1', ALICE, '  \u200b ')).rejects.toThrow('The question is empty');
    await expect(t.core.asks.ask(responder, 'INC-1', ALICE, 'x'.repeat(1001))).rejects.toThrow('the limit is 1000');
    await expect(t.core.asks.ask(responder, 'INC-9', ALICE, 'Was this you?')).rejects.toThrow('There is no incident INC-9');
    expect(await t.database.db.select().from(incidentAsks)).toEqual([]);
    expect(await outbox()).toEqual([]);
    // The commander runs their own incident even when not a responder.
    await t.core.assignRole(responder, 'INC-1', 'commander', COMMANDER);
    await expect(t.core.asks.ask(slackUser(COMMANDER), 'INC-1', ALICE, 'Was this you?')).resolves.toMatchObject({ ask: { askedBy: COMMANDER } });
  });
});

describe('answering', () => {
  it('records the first answer of the person asked with its time; a second click and anyone else’s change nothing', async () => {
    const { ask } = await asked();
    t.clock.advance(7 * MIN);
    // alice is an outsider to the private incident: answering needs only that the question is hers.
    const first = await t.core.asks.answer(slackUser(ALICE, { source: 'slack-button' }), ask.id, 'no');
    expect(first).toMatchObject({ kind: 'answered', ref: 'INC-1', ask: { answer: 'no', answeredAt: new Date('2026-11-24T10:07:00Z'), remindAt: null, escalateAt: null, remindedAt: null } });
    t.clock.advance(MIN);
    expect(await t.core.asks.answer(slackUser(ALICE), ask.id, 'yes')).toMatchObject({ kind: 'already', ask: { answer: 'no' } });
    expect(await t.core.asks.answer(responder, ask.id, 'yes')).toEqual({ kind: 'not_yours', ref: 'INC-1', userId: ALICE });
    const events = await askEvents();
    expect(events.map((e) => [e.kind, e.actor, e.source, e.occurredAt.toISOString()])).toEqual([
      ['ask_sent', RESPONDER, 'slack-command', '2026-11-24T10:00:00.000Z'],
      ['ask_answered', ALICE, 'slack-button', '2026-11-24T10:07:00.000Z'],
    ]);
    expect(events[1]!.payload).toMatchObject({ answer: 'no', question: 'Did you sign in from Lagos at 03:12?' });
    expect((await outbox()).map((r) => r.key)).toEqual([`ask:${ask.id}:sent`, `ask:${ask.id}:answered`]);
  });

  it('refuses what no button sends: another answer, an unknown question', async () => {
    const { ask } = await asked();
    await expect(t.core.asks.answer(slackUser(ALICE), ask.id, 'maybe')).rejects.toThrow('not a Rampart answer');
    await expect(t.core.asks.answer(slackUser(ALICE), ask.id + 1, 'yes')).rejects.toThrow('That question no longer exists');
    expect(await askEvents()).toHaveLength(1);
  });
});

describe('reminder and report to the commander', () => {
  it('reminds once after 2 h and reports to the commander once after 4 h, however often the sweep runs', async () => {
    const { ask } = await asked();
    const outcomes = [];
    for (let minute = 1; minute <= 300; minute += 1) {
      t.clock.advance(MIN);
      outcomes.push(...(await t.core.asks.runDue()));
    }
    expect(outcomes).toEqual([
      { kind: 'ask reminded', ref: 'INC-1', askId: ask.id },
      { kind: 'ask escalated', ref: 'INC-1', askId: ask.id, to: COMMANDER },
    ]);
    const rows = await outbox();
    expect(rows.map((r) => [r.key, r.kind, r.lane])).toEqual([
      [`ask:${ask.id}:sent`, 'ask_sent', ALICE],
      [`ask:${ask.id}:reminder`, 'ask_reminder', ALICE],
      [`ask:${ask.id}:escalated`, 'ask_escalated', COMMANDER],
    ]);
    expect(rows[2]!.payload).toMatchObject({ commanderId: COMMANDER, askedAt: '2026-11-24T10:00:00.000Z' });
    expect((await askEvents()).map((e) => [e.kind, e.occurredAt.toISOString()])).toEqual([
      ['ask_sent', '2026-11-24T10:00:00.000Z'],
      ['ask_reminded', '2026-11-24T12:00:00.000Z'],
      ['ask_escalated', '2026-11-24T14:00:00.000Z'],
    ]);
    const { asks } = await t.core.asks.list(responder, 'INC-1');
    expect(asks).toMatchObject([{ userId: ALICE, answer: null, reminded: true, escalated: true }]);
    // Answered late: recorded all the same, and nothing more is chased.
    expect(await t.core.asks.answer(slackUser(ALICE), ask.id, 'unsure')).toMatchObject({ kind: 'answered' });
  });

  it('chases no answered question, and none of an incident that is over', async () => {
    const { ask } = await asked();
    await t.core.asks.answer(slackUser(ALICE), ask.id, 'yes');
    await t.core.asks.ask(responder, 'INC-1', 'U0BOB', 'And you?');
    await t.core.changeStatus(responder, 'INC-1', 'declined', 'a known VPN');
    t.clock.advance(5 * 60 * MIN);
    expect(await t.core.asks.runDue()).toEqual([{ kind: 'ask dropped', ref: 'INC-1', askId: ask.id + 1 }]);
    expect(await t.core.asks.runDue()).toEqual([]);
    expect((await outbox()).map((r) => r.kind)).toEqual(['ask_sent', 'ask_answered', 'ask_sent']);
    // Dropped is not sent: the list does not say it was reminded or reported.
    expect((await t.core.asks.list(responder, 'INC-1')).asks[0]).toMatchObject({ userId: 'U0BOB', answer: null, reminded: false, escalated: false });
  });

  it('without a commander, reports in the incident channel', async () => {
    await t.core.declare(reporter, { title: 'Odd sign-in', type: 'account-compromise' });
    await t.core.attachChannel(1, { id: 'C0INC1', name: 'inc-1', private: true });
    const { ask } = await t.core.asks.ask(responder, 'INC-1', ALICE, 'Was this you?');
    t.clock.advance(4 * 60 * MIN);
    expect(await t.core.asks.runDue()).toEqual([
      { kind: 'ask reminded', ref: 'INC-1', askId: ask.id },
      { kind: 'ask escalated', ref: 'INC-1', askId: ask.id, to: 'C0INC1' },
    ]);
    expect((await outbox()).at(-1)).toMatchObject({ kind: 'ask_escalated', lane: 'C0INC1' });
    expect((await outbox()).at(-1)!.payload).not.toHaveProperty('commanderId');
  });
});

describe('listing', () => {
  it('shows an incident’s questions newest first to people who may see it; the person asked, an outsider, may not', async () => {
    const { ask } = await asked();
    t.clock.advance(MIN);
    await t.core.asks.ask(responder, 'INC-1', 'U0BOB', 'Did you reset your password?');
    await t.core.asks.answer(slackUser(ALICE), ask.id, 'yes');
    const { asks } = await t.core.asks.list(responder, 'INC-1');
    expect(asks.map((a) => [a.userId, a.answer])).toEqual([
      ['U0BOB', null],
      [ALICE, 'yes'],
    ]);
    await expect(t.core.asks.list(slackUser(ALICE), 'INC-1')).rejects.toMatchObject({ code: 'not_authorized' });
    // The report carries them too, newest first, with the answer's time.
    const { source } = await t.core.report(responder, 'INC-1');
    expect(source.header.asks).toEqual([
      { userId: 'U0BOB', question: 'Did you reset your password?', askedBy: RESPONDER, askedAt: new Date('2026-11-24T10:01:00Z'), answer: null, answeredAt: null, reminded: false, escalated: false },
      { userId: ALICE, question: 'Did you sign in from Lagos at 03:12?', askedBy: RESPONDER, askedAt: new Date('2026-11-24T10:00:00Z'), answer: 'yes', answeredAt: new Date('2026-11-24T10:01:00Z'), reminded: false, escalated: false },
    ]);
    const [row] = await t.database.db.select().from(incidentAsks).where(eq(incidentAsks.id, ask.id));
    expect(row!.answer).toBe('yes');
  });
});
