// The digest's schedule: exactly once per slot (hourly ticks over weeks, restarts, missed slots, a replica dying
// after posting), the manual post and the preview. Several replicas on real Postgres are in replicas.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDue as runAwareness } from '../../../src/core/awareness/manage.js';
import { DIGEST_MANUAL_SCHEDULE } from '../../../src/core/digest/deps.js';
import { createDigest } from '../../../src/core/digest/post.js';
import { slotKey } from '../../../src/core/schedules/schedule.js';
import { slackUser, testCore } from '../../support/core.js';
import { awarenessDeps } from '../../support/awareness.js';
import { DIGEST_CHANNEL, digestDeps } from '../../support/digest.js';
import { FakeSlack } from '../../support/fake-slack.js';

let t: Awaited<ReturnType<typeof testCore>>;
let slack: FakeSlack;
beforeEach(async () => {
  t = await testCore({ now: '2026-10-12T00:00:00Z' });
  slack = new FakeSlack(t.clock);
});
afterEach(async () => {
  await t.close();
});

const HOUR = 3_600_000;
const digestOf = (o: Parameters<typeof digestDeps>[3] = {}, faults: Parameters<FakeSlack['digestPoster']>[0] = {}) =>
  createDigest(digestDeps(t.database.db, t.clock, slack.digestPoster(faults), o));

/** Runs the digest every `stepHours` from the clock's time until `until`, as the minutely sweep would. */
async function tickUntil(digest: ReturnType<typeof digestOf>, until: string, stepHours = 1) {
  while (t.clock.now().getTime() < Date.parse(until)) {
    t.clock.advance(stepHours * HOUR);
    await digest.runDue();
  }
}

describe('the weekly digest schedule', () => {
  it('posts Monday 08:00 Paris time once a week across the daylight-saving change, each covering the week before', async () => {
    await tickUntil(digestOf(), '2026-11-10T00:00:00Z');
    const slots = ['2026-10-12T06:00:00.000Z', '2026-10-19T06:00:00.000Z', '2026-10-26T07:00:00.000Z', '2026-11-02T07:00:00.000Z', '2026-11-09T07:00:00.000Z'];
    expect(slack.keysIn(DIGEST_CHANNEL)).toEqual(slots.map((at) => slotKey('digest', new Date(at))));
    expect(slack.messages.map((m) => [m.digest!.to.toISOString(), m.digest!.to.getTime() - m.digest!.from.getTime()])).toEqual(slots.map((s) => [s, 7 * 24 * HOUR]));
    // Posted at the first tick at or after the slot.
    expect(slack.messages[2]!.at.toISOString()).toBe('2026-10-26T07:00:00.000Z');
  });

  it('posts a slot missed while everything was down if it is still within 24 hours', async () => {
    const digest = digestOf();
    await tickUntil(digest, '2026-10-13T00:00:00Z', 6);
    t.clock.set('2026-10-19T17:00:00Z'); // down from Tuesday to Monday evening: 11 h after the slot
    expect(await digest.runDue()).toMatchObject([{ kind: 'posted', slotAt: new Date('2026-10-19T06:00:00Z'), tookOver: false }]);
    expect(slack.messages.at(-1)!.digest!.to).toEqual(new Date('2026-10-19T06:00:00Z'));
    expect(slack.messages).toHaveLength(2);
  });

  it('records older missed slots as missed and does not post them late', async () => {
    const digest = digestOf();
    await tickUntil(digest, '2026-10-13T00:00:00Z', 6);
    t.clock.set('2026-10-27T10:00:00Z'); // two slots passed; the second is 27 h old
    const outcomes = await digest.runDue();
    expect(outcomes.map((o) => [o.kind, o.slotAt.toISOString()])).toEqual([
      ['missed', '2026-10-19T06:00:00.000Z'],
      ['missed', '2026-10-26T07:00:00.000Z'],
    ]);
    expect(slack.messages).toHaveLength(1);
    await tickUntil(digest, '2026-11-03T00:00:00Z', 6);
    expect(slack.keysIn(DIGEST_CHANNEL).at(-1)).toBe(slotKey('digest', new Date('2026-11-02T07:00:00Z')));
  });

  it('a replica that dies after posting is taken over once, without a second post', async () => {
    let crash = true;
    const dying = digestOf({ replicaId: 'replica-a' }, { crashAfterPost: () => crash });
    const other = digestOf({ replicaId: 'replica-b' });
    t.clock.set('2026-10-12T06:00:30Z');
    expect(await dying.runDue()).toMatchObject([{ kind: 'failed', error: 'replica died after posting' }]);
    crash = false;
    expect(await other.runDue()).toEqual([]); // the lease still holds: nothing to do yet
    t.clock.advance(6 * 60_000);
    expect(await other.runDue()).toMatchObject([{ kind: 'posted', tookOver: true, ts: slack.messages[0]!.ts }]);
    expect(await dying.runDue()).toEqual([]);
    expect(slack.messages).toHaveLength(1);
  });

  it('keeps retrying a slot whose post fails until it succeeds, posting it once', async () => {
    let failing = 3;
    const digest = digestOf({}, { fail: () => (failing-- > 0 ? 'ratelimited' : undefined) });
    t.clock.set('2026-10-12T06:00:00Z');
    const kinds: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      kinds.push(...(await digest.runDue()).map((o) => o.kind));
      t.clock.advance(6 * 60_000);
    }
    expect(kinds).toEqual(['failed', 'failed', 'failed', 'posted']);
    expect(slack.messages).toHaveLength(1);
  });

  it('shares the slots table with the awareness tip without either holding up the other', async () => {
    const digest = digestOf({ schedule: { name: 'digest', cron: '0 9 * * 1', timezone: 'Europe/Paris', graceMs: 24 * HOUR } });
    const awareness = awarenessDeps(t.database.db, t.clock, slack.poster(), { channels: ['C0STAFF'] });
    t.clock.set('2026-10-12T07:00:00Z'); // both at Monday 09:00
    await runAwareness(awareness);
    await digest.runDue();
    expect(slack.messages.map((m) => m.slotKey)).toEqual([slotKey('weekly', new Date('2026-10-12T07:00:00Z')), slotKey('digest', new Date('2026-10-12T07:00:00Z'))]);
  });
});

describe('without a schedule, preview and send-now', () => {
  it('posts nothing with DIGEST_CRON off or without INCIDENT_CHANNEL; send-now then needs the channel', async () => {
    t.clock.set('2026-10-12T06:00:00Z');
    expect(await digestOf({ schedule: undefined }).runDue()).toEqual([]);
    expect(await digestOf({ channel: undefined }).runDue()).toEqual([]);
    await expect(digestOf({ channel: undefined }).sendNow('U0ADMIN')).rejects.toThrow(/INCIDENT_CHANNEL/);
    expect(slack.messages).toHaveLength(0);
  });

  it('preview builds the digest of the last seven days without posting; send-now posts it under its own schedule', async () => {
    await t.core.declare(slackUser(), { title: 'Suspicious invoice', type: 'phishing', private: false });
    t.clock.set('2026-10-14T12:00:00Z');
    const digest = digestOf({ schedule: undefined });
    const preview = await digest.preview();
    expect(preview).toMatchObject({ to: new Date('2026-10-14T12:00:00Z'), open: [{ ref: 'INC-1', title: 'Suspicious invoice', daysOpen: 2 }], figures: { declared: 1 } });
    expect(slack.messages).toHaveLength(0);
    expect(await digest.sendNow('U0ADMIN')).toMatchObject({ kind: 'posted', channel: DIGEST_CHANNEL });
    expect(slack.messages.map((m) => [m.slotKey, m.digest])).toEqual([[slotKey(DIGEST_MANUAL_SCHEDULE, new Date('2026-10-14T12:00:00Z')), preview]]);
  });
});
