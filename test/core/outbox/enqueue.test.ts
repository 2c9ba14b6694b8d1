// The outbox is written in the same transaction as the change it tells of: a rolled back change leaves no row, a
// committed one always has its row (no Slack is involved at all here), and the worker is woken only after the commit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/core.js';
import { inTransaction, type CoreDeps } from '../../../src/core/context.js';
import { enqueue, rowsByKey } from '../../../src/core/outbox/queries.js';
import { slackOutbox } from '../../../src/db/schema.js';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';

let t: Awaited<ReturnType<typeof testCore>>;
let core: Core;
let deps: CoreDeps;
let wakes: number;
const responder = slackUser(RESPONDER);

beforeEach(async () => {
  t = await testCore();
  wakes = 0;
  deps = { ...t.deps, announceChannel: 'C0ANNOUNCE', outbox: { notify: () => (wakes += 1), idle: async () => {} } };
  core = createCore(deps);
});
afterEach(() => t.close());

const allRows = () => t.database.db.select().from(slackOutbox).orderBy(slackOutbox.id);

/** A declared incident with a channel, so changes are told there. */
async function incidentWithChannel() {
  const { incident } = await core.declare(responder, { title: 'Phishing wave', severity: 'sev2' });
  await core.attachChannel(incident.id, { id: 'C0INC1', name: 'inc-1', private: true });
  return incident;
}

describe('enqueue inside core use cases', () => {
  it('a declaration enqueues its channel set-up in a lane of its own, due at once, and wakes the worker after the commit', async () => {
    const { incident, setup } = await core.declare(responder, { title: 'Phishing wave', drill: true });
    const rows = await allRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      key: setup,
      lane: `setup:${incident.id}`,
      kind: 'channel_setup',
      incidentId: incident.id,
      payload: { reporterId: responder.id, private: true, announceChannel: 'C0ANNOUNCE' },
    });
    // No reference: it is enqueued before the number is taken (the worker reads the incident when it runs).
    expect(rows[0]!.payload).not.toHaveProperty('ref');
    // Nothing waits in the announcement channel's lane: the announcement is enqueued once the set-up has settled.
    expect(rows[0]!.availableAt.getTime()).toBe(t.clock.now().getTime());
    expect(wakes).toBe(1);
  });

  it('a status change commits with its notification, keyed by its timeline event', async () => {
    const incident = await incidentWithChannel();
    const changed = await core.changeStatus(responder, 'INC-1', 'investigating', 'seen in logs');
    const events = (await core.timeline(responder, 'INC-1')).events;
    const seq = events.find((e) => e.kind === 'status_changed')!.seq;
    expect(changed.notices).toEqual([`incident:${incident.id}:event:${seq}:changed`]);
    const [row] = await rowsByKey(t.database.db, changed.notices);
    expect(row).toMatchObject({
      lane: 'C0INC1',
      kind: 'incident_changed',
      payload: { ref: 'INC-1', drill: false, by: RESPONDER, offerReview: false, change: { kind: 'status', from: 'triage', to: 'investigating', note: 'seen in logs' } },
    });
  });

  it('an assignment enqueues the invite before the post, in the channel lane, and tells the assignee in their own lane', async () => {
    await incidentWithChannel();
    const { notices } = await core.assignRole(responder, 'INC-1', 'commander', 'U0CAROL');
    const rows = await rowsByKey(t.database.db, notices);
    expect(rows.map((r) => [r.kind, r.lane])).toEqual([
      ['member_invited', 'C0INC1'],
      ['assignee_told', 'U0CAROL'],
      ['incident_changed', 'C0INC1'],
    ]);
    expect(rows[2]!.payload).toMatchObject({ change: { kind: 'role', role: 'commander', from: null, to: 'U0CAROL' } });
  });

  it('closing without a review offers one in the channel post', async () => {
    await incidentWithChannel();
    await core.changeSeverity(responder, 'INC-1', 'sev3');
    await core.changeStatus(responder, 'INC-1', 'resolved');
    const { notices } = await core.changeStatus(responder, 'INC-1', 'closed');
    expect((await rowsByKey(t.database.db, notices))[0]!.payload).toMatchObject({ offerReview: true, change: { to: 'closed' } });
  });

  it('an incident without a channel enqueues nothing for its changes', async () => {
    await core.declare(responder, { title: 'No channel yet' });
    const { notices } = await core.changeSeverity(responder, 'INC-1', 'sev4');
    expect(notices).toEqual([]);
    expect((await allRows()).map((r) => r.kind)).toEqual(['channel_setup']);
  });

  it('an escalation to sev1 or sev2 is enqueued for the announcements channel with its event, channel or not', async () => {
    await core.declare(responder, { title: 'No channel yet' });
    const { notices } = await core.changeSeverity(responder, 'INC-1', 'sev1');
    const seq = (await core.timeline(responder, 'INC-1')).events.at(-1)!.seq;
    expect(notices).toEqual([`incident:1:event:${seq}:escalated`]);
    expect((await rowsByKey(t.database.db, notices))[0]).toMatchObject({
      kind: 'incident_escalated',
      lane: 'C0ANNOUNCE',
      payload: { ref: 'INC-1', drill: false, by: responder.id, from: 'sev3', to: 'sev1' },
    });
    // Lowering it again, or a raise that stays below sev2, announces nothing.
    expect((await core.changeSeverity(responder, 'INC-1', 'sev4')).notices).toEqual([]);
    expect((await core.changeSeverity(responder, 'INC-1', 'sev3')).notices).toEqual([]);
  });

  it('a refused change leaves no row and does not wake the worker', async () => {
    await incidentWithChannel();
    const before = (await allRows()).length;
    const wakesBefore = wakes;
    await expect(core.changeStatus(responder, 'INC-1', 'closed')).rejects.toThrow(/cannot move to closed/);
    expect(await allRows()).toHaveLength(before);
    expect(wakes).toBe(wakesBefore);
  });

  it('a transaction that fails after enqueueing rolls its row back with it', async () => {
    const failing = inTransaction(deps, async (tx) => {
      await enqueue(tx, { key: 'k-rolled-back', notification: { kind: 'member_invited', channel: 'C0X', payload: { ref: 'INC-9', userId: 'U0X' } }, now: t.clock.now() });
      throw new Error('the change failed after the enqueue');
    });
    await expect(failing).rejects.toThrow('the change failed after the enqueue');
    expect(await rowsByKey(t.database.db, ['k-rolled-back'])).toEqual([]);
    expect(wakes).toBe(0);
  });

  it('the same key enqueued twice is one row', async () => {
    const notification = { kind: 'member_invited' as const, channel: 'C0X', payload: { ref: 'INC-9', userId: 'U0X' } };
    for (let i = 0; i < 2; i++) await inTransaction(deps, (tx) => enqueue(tx, { key: 'same', notification, now: t.clock.now() }));
    expect(await rowsByKey(t.database.db, ['same'])).toHaveLength(1);
  });
});
