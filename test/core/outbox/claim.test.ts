// Claiming and settling outbox rows: one row per lane at a time and in order, leases that keep other workers off and
// run out, settling only by the holder, and each outcome committed with the timeline event it means.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../src/core/context.js';
import { settleAttempt } from '../../../src/core/outbox/settle.js';
import { claimDue, enqueue, markDelivered, nextDueAt, rowsByKey } from '../../../src/core/outbox/queries.js';
import type { Notification } from '../../../src/core/outbox/notifications.js';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';
import { slackOutbox } from '../../../src/db/schema.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore();
});
afterEach(() => t.close());

const invite = (channel: string, userId = 'U0X'): Notification => ({ kind: 'member_invited', channel, payload: { ref: 'INC-1', userId } });
const at = (ms: number) => new Date(t.clock.now().getTime() + ms);
const claim = (worker: string, ms = 0, limit = 10) => claimDue(t.database.db, { worker, now: at(ms), leaseMs: 60_000, limit });

async function put(key: string, notification: Notification, extra: { incidentId?: number } = {}) {
  await inTransaction(t.deps, (tx) => enqueue(tx, { key, notification, now: t.clock.now(), ...extra }));
}

describe('claimDue', () => {
  it('claims the head of each lane only, and the next one once the head is settled', async () => {
    await put('a1', invite('CA'));
    await put('a2', invite('CA'));
    await put('b1', invite('CB'));
    const first = await claim('w1');
    expect(first.map((r) => r.key)).toEqual(['a1', 'b1']);
    expect(first.every((r) => r.attempts === 1 && r.leasedBy === 'w1')).toBe(true);
    expect(await claim('w2')).toEqual([]);
    expect(await markDelivered(t.database.db, { id: first[0]!.id, worker: 'w1', now: t.clock.now(), result: {} })).toBe(true);
    expect((await claim('w2')).map((r) => r.key)).toEqual(['a2']);
  });

  it('takes over a row whose lease ran out, and the old holder can no longer settle it', async () => {
    await put('a1', invite('CA'));
    const [row] = await claim('w1');
    expect(await claim('w2', 59_000)).toEqual([]);
    // Held by w1, so not something another worker's drain waits for.
    expect(await nextDueAt(t.database.db, at(59_000))).toBeUndefined();
    const [taken] = await claim('w2', 61_000);
    expect(taken).toMatchObject({ key: 'a1', leasedBy: 'w2', attempts: 2 });
    expect(await markDelivered(t.database.db, { id: row!.id, worker: 'w1', now: t.clock.now(), result: {} })).toBe(false);
    expect(await markDelivered(t.database.db, { id: row!.id, worker: 'w2', now: t.clock.now(), result: { ok: 1 } })).toBe(true);
  });

  it('respects the limit', async () => {
    for (const lane of ['C1', 'C2', 'C3']) await put(lane, invite(lane));
    expect(await claim('w1', 0, 2)).toHaveLength(2);
  });
});

describe('settleAttempt', () => {
  async function incidentRow(key: string) {
    const { incident } = await t.core.declare(slackUser(RESPONDER), { title: 'Phishing' });
    // Only the row under test: the declaration's channel set-up is tested in channel-setup.test.ts.
    await t.database.db.delete(slackOutbox);
    await put(key, invite('CA', 'U0CAROL'), { incidentId: incident.id });
    const [row] = await claim('w1');
    return { incident, row: row! };
  }
  const kinds = async () => (await t.core.timeline(slackUser(RESPONDER), 'INC-1')).events.map((e) => e.kind);

  it('a delivered invite is recorded as members_invited with the row', async () => {
    const { row } = await incidentRow('inv');
    expect(await settleAttempt(t.deps, row, 'w1', { kind: 'delivered', result: { channel: 'CA' }, invited: ['U0CAROL'] })).toBe(true);
    expect(await kinds()).toEqual(['incident_declared', 'members_invited']);
    expect((await rowsByKey(t.database.db, ['inv']))[0]).toMatchObject({ deliveredAt: t.clock.now(), result: { channel: 'CA' }, leasedBy: null });
  });

  it('the first failure is on the timeline (will retry); later retries are not; giving up is', async () => {
    const { row } = await incidentRow('inv');
    await settleAttempt(t.deps, row, 'w1', { kind: 'retry', at: at(1_000), error: 'ratelimited' });
    const [again] = await claim('w1', 1_000);
    await settleAttempt(t.deps, again!, 'w1', { kind: 'retry', at: at(3_000), error: 'http 500' });
    const [last] = await claim('w1', 3_000);
    await settleAttempt(t.deps, last!, 'w1', { kind: 'failed', error: 'cant_invite' });
    const events = (await t.core.timeline(slackUser(RESPONDER), 'INC-1')).events;
    expect(events.map((e) => [e.kind, e.payload])).toEqual([
      ['incident_declared', expect.anything()],
      ['slack_call_failed', { action: 'inviting the assignee to the channel', error: 'ratelimited (will retry)' }],
      ['slack_call_failed', { action: 'inviting the assignee to the channel', error: 'cant_invite' }],
    ]);
    expect((await rowsByKey(t.database.db, ['inv']))[0]).toMatchObject({ attempts: 3, lastError: 'cant_invite', failedAt: t.clock.now() });
  });

  it('a deferral puts the row back unseen on the timeline, giving the attempt back only when nothing was sent', async () => {
    const { row } = await incidentRow('inv');
    await settleAttempt(t.deps, row, 'w1', { kind: 'deferred', at: at(90_000), nothingSent: true, error: 'ratelimited' });
    expect(await claim('w1', 89_000)).toEqual([]);
    expect((await rowsByKey(t.database.db, ['inv']))[0]).toMatchObject({ attempts: 0, lastError: 'ratelimited', deliveredAt: null, failedAt: null });
    const [again] = await claim('w1', 90_000);
    expect(again).toMatchObject({ key: 'inv', attempts: 1 });
    // Something of this attempt was sent: it counts, so the next attempt looks for what it did.
    await settleAttempt(t.deps, again!, 'w1', { kind: 'deferred', at: at(91_000), nothingSent: false });
    expect((await rowsByKey(t.database.db, ['inv']))[0]).toMatchObject({ attempts: 1, lastError: 'ratelimited' });
    expect(await kinds()).toEqual(['incident_declared']);
  });

  it('a worker that lost its lease writes nothing, timeline included', async () => {
    const { row } = await incidentRow('inv');
    await claim('w2', 61_000);
    expect(await settleAttempt(t.deps, row, 'w1', { kind: 'failed', error: 'cant_invite' })).toBe(false);
    expect(await kinds()).toEqual(['incident_declared']);
  });
});
