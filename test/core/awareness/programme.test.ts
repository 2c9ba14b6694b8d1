import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDue, queueTip, sendNow, setPause, skipNext } from '../../../src/core/awareness/manage.js';
import { acknowledge, ackStats } from '../../../src/core/awareness/acknowledge.js';
import { slotKey } from '../../../src/core/schedules/schedule.js';
import { testCore } from '../../support/core.js';
import { aTip, awarenessDeps, FakeSlack, tipsOf } from '../../support/awareness.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore({ now: '2026-10-12T00:00:00Z' });
});
afterEach(async () => {
  await t.close();
});

const HOUR = 3_600_000;

/** Runs the programme every `stepHours` from the clock's time until `until`, as the minutely sweep would. */
async function tickUntil(deps: ReturnType<typeof awarenessDeps>, until: string, stepHours = 6) {
  while (t.clock.now().getTime() < Date.parse(until)) {
    t.clock.advance(stepHours * HOUR);
    await runDue(deps);
  }
}

describe('the weekly schedule', () => {
  it('posts Monday 09:00 Paris time once a week across the October daylight-saving change, once per channel', async () => {
    const slack = new FakeSlack(t.clock);
    const deps = awarenessDeps(t.database.db, t.clock, slack.poster());
    await tickUntil(deps, '2026-11-10T00:00:00Z', 1);
    const expected = ['2026-10-12T07:00:00.000Z', '2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z', '2026-11-02T08:00:00.000Z', '2026-11-09T08:00:00.000Z'];
    expect(slack.keysIn('C0STAFF')).toEqual(expected.map((at) => slotKey('weekly', new Date(at))));
    expect(slack.keysIn('C0VOLUNTEERS')).toEqual(slack.keysIn('C0STAFF'));
    // Posted at the first tick at or after the slot.
    expect(slack.messages[4]!.at.toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('rotates through the whole library before any tip repeats', async () => {
    const slack = new FakeSlack(t.clock);
    const deps = awarenessDeps(t.database.db, t.clock, slack.poster(), { channels: ['C0STAFF'] });
    await tickUntil(deps, '2026-12-21T00:00:00Z', 12);
    const tips = slack.messages.map((m) => m.tipId);
    expect(tips).toHaveLength(10);
    expect(new Set(tips.slice(0, 5)).size).toBe(5);
    expect(new Set(tips.slice(5, 10)).size).toBe(5);
  });

  it('prefers a tip about an incident type seen in the last 30 days, and a queued tip before all', async () => {
    const slack = new FakeSlack(t.clock);
    const tips = tipsOf([aTip('a'), aTip('b'), aTip('lost-phone', { topics: ['lost-device'] }), aTip('d')]);
    const deps = awarenessDeps(t.database.db, t.clock, slack.poster(), { channels: ['C0STAFF'], tips });
    await t.core.declare({ id: 'U0REP', source: 'slack-command' }, { title: 'Phone left on a train', type: 'lost-device' });
    await queueTip(deps, 'd', 'U0ADMIN');
    await expect(queueTip(deps, 'nope', 'U0ADMIN')).rejects.toThrow(/no tip "nope"/);
    await tickUntil(deps, '2026-10-20T00:00:00Z');
    expect(slack.messages.map((m) => m.tipId)).toEqual(['d', 'lost-phone']);
  });
});

describe('restarts and missed slots', () => {
  it('posts a slot missed while everything was down if it is still within the grace window', async () => {
    const slack = new FakeSlack(t.clock);
    const deps = awarenessDeps(t.database.db, t.clock, slack.poster(), { channels: ['C0STAFF'] });
    await tickUntil(deps, '2026-10-13T00:00:00Z');
    t.clock.set('2026-10-19T17:00:00Z'); // down from Tuesday to Monday evening: 10 h after the slot
    const outcomes = await runDue(deps);
    expect(outcomes).toMatchObject([{ kind: 'posted', slotAt: new Date('2026-10-19T07:00:00Z') }]);
    expect(slack.messages).toHaveLength(2);
  });

  it('records older missed slots as missed and does not post them late', async () => {
    const slack = new FakeSlack(t.clock);
    const deps = awarenessDeps(t.database.db, t.clock, slack.poster(), { channels: ['C0STAFF'] });
    await tickUntil(deps, '2026-10-13T00:00:00Z');
    t.clock.set('2026-10-27T10:00:00Z'); // two slots passed; the second is 26 h old: both are beyond the grace
    const outcomes = await runDue(deps);
    expect(outcomes.map((o) => [o.kind, o.slotAt.toISOString()])).toEqual([
      ['missed', '2026-10-19T07:00:00.000Z'],
      ['missed', '2026-10-26T08:00:00.000Z'],
    ]);
    expect(slack.messages).toHaveLength(1);
    await tickUntil(deps, '2026-11-03T00:00:00Z');
    expect(slack.keysIn('C0STAFF').at(-1)).toBe(slotKey('weekly', new Date('2026-11-02T08:00:00Z')));
  });

  it('a replica that dies between posting and recording is taken over once, without a second post', async () => {
    const slack = new FakeSlack(t.clock);
    let crash = true;
    const dying = awarenessDeps(t.database.db, t.clock, slack.poster({ crashAfterPost: () => crash }), { replicaId: 'replica-a' });
    const other = awarenessDeps(t.database.db, t.clock, slack.poster(), { replicaId: 'replica-b' });
    t.clock.set('2026-10-12T07:00:00Z');
    expect(await runDue(dying)).toMatchObject([{ kind: 'failed' }]);
    crash = false;
    expect(await runDue(other)).toEqual([]); // the lease still holds: nothing to do yet
    t.clock.advance(6 * 60_000);
    expect(await runDue(other)).toMatchObject([{ kind: 'posted', tookOver: true }]);
    expect(await runDue(dying)).toEqual([]);
    expect(slack.keysIn('C0STAFF')).toHaveLength(1);
    expect(slack.keysIn('C0VOLUNTEERS')).toHaveLength(1);
  });

  it('keeps retrying a slot whose posts fail until they succeed, posting each channel once', async () => {
    const slack = new FakeSlack(t.clock);
    let failing = 3;
    const deps = awarenessDeps(t.database.db, t.clock, slack.poster({ fail: () => (failing-- > 0 ? 'ratelimited' : undefined) }));
    t.clock.set('2026-10-12T07:00:00Z');
    for (let i = 0; i < 4; i += 1) {
      await runDue(deps);
      t.clock.advance(6 * 60_000);
    }
    expect(slack.messages.map((m) => m.channel)).toEqual(['C0STAFF', 'C0VOLUNTEERS']);
  });
});

describe('admin switches', () => {
  it('pause records slots as skipped and resume posts the next one, not the skipped ones', async () => {
    const slack = new FakeSlack(t.clock);
    const deps = awarenessDeps(t.database.db, t.clock, slack.poster(), { channels: ['C0STAFF'] });
    await setPause(deps, true, 'U0ADMIN');
    await expect(setPause(deps, true, 'U0ADMIN')).rejects.toThrow(/already paused/);
    await tickUntil(deps, '2026-10-20T00:00:00Z');
    expect(slack.messages).toHaveLength(0);
    await setPause(deps, false, 'U0ADMIN');
    await tickUntil(deps, '2026-10-27T00:00:00Z');
    expect(slack.keysIn('C0STAFF')).toEqual([slotKey('weekly', new Date('2026-10-26T08:00:00Z'))]);
  });

  it('skip skips the next slot only; send-now posts at once and counts in the rotation', async () => {
    const slack = new FakeSlack(t.clock);
    const deps = awarenessDeps(t.database.db, t.clock, slack.poster(), { channels: ['C0STAFF'] });
    expect((await skipNext(deps, 'U0ADMIN')).toISOString()).toBe('2026-10-12T07:00:00.000Z');
    await tickUntil(deps, '2026-10-20T00:00:00Z');
    expect(slack.keysIn('C0STAFF')).toEqual([slotKey('weekly', new Date('2026-10-19T07:00:00Z'))]);
    const now = await sendNow(deps, 'U0ADMIN');
    expect(now).toMatchObject({ kind: 'posted' });
    expect(slack.messages).toHaveLength(2);
    expect(slack.messages[1]!.tipId).not.toBe(slack.messages[0]!.tipId);
  });

  it('counts Got it once per person per message, and reports rates per week and channel', async () => {
    const slack = new FakeSlack(t.clock);
    const deps = awarenessDeps(t.database.db, t.clock, slack.poster());
    await tickUntil(deps, '2026-10-13T00:00:00Z');
    const [staff] = slack.messages;
    expect(await acknowledge(deps, 'U0A', staff!.channel, staff!.ts)).toMatchObject({ first: true, count: 1 });
    expect(await acknowledge(deps, 'U0A', staff!.channel, staff!.ts)).toMatchObject({ first: false, count: 1 });
    expect(await acknowledge(deps, 'U0B', staff!.channel, staff!.ts)).toMatchObject({ first: true, count: 2 });
    await expect(acknowledge(deps, 'U0A', 'C0STAFF', '1.2')).rejects.toThrow(/not an awareness tip/);
    const stats = await ackStats(deps);
    expect(stats.rows.find((r) => r.channelId === 'C0STAFF')).toMatchObject({ week: '2026-W42', acks: 2, audience: 10, rate: 0.2 });
    expect(stats.byChannel.find((c) => c.channelId === 'C0VOLUNTEERS')).toMatchObject({ acks: 0, rate: 0 });
  });
});
