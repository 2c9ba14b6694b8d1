import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { RESPONDER, slackUser, testCore } from '../support/core.js';
import { dbErrorOf } from '../support/db.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore();
});
afterEach(async () => {
  await t.close();
});

const responder = slackUser(RESPONDER);

describe('notes', () => {
  it('keeps occurred_at apart from recorded_at for back-dated notes', async () => {
    await t.core.declare(responder, { title: 'Phish' });
    const { event } = await t.core.addNote(responder, 'INC-1', 'at 09:30 user reported the mail');
    expect(event.payload).toEqual({ text: 'user reported the mail' });
    expect(event.occurredAt).toEqual(new Date('2026-11-24T08:30:00Z'));
    expect(event.recordedAt).toEqual(new Date('2026-11-24T10:00:00Z'));
    const { events } = await t.core.timeline(responder, 'INC-1');
    // occurred_at order: the back-dated note comes before the declaration.
    expect(events.map((e) => e.kind)).toEqual(['note_added', 'incident_declared']);
  });

  it('finds the incident from its channel when the reference is left out', async () => {
    const { incident } = await t.core.declare(responder, { title: 'Phish' });
    await t.core.attachChannel(incident.id, { id: 'C0INC1', name: 'inc-1-phish', private: true });
    const inChannel = slackUser(RESPONDER, { channelId: 'C0INC1' });
    const { event } = await t.core.addNote(inChannel, undefined, 'checked headers');
    expect(event.seq).toBe(3);
    await expect(t.core.addNote(slackUser(RESPONDER, { channelId: 'C0OTHER' }), undefined, 'x')).rejects.toMatchObject({ code: 'not_incident_channel' });
    await expect(t.core.addNote(inChannel, undefined, '   ')).rejects.toThrow(/note is empty/);
  });

  it('records corrections as new events pointing at the corrected one', async () => {
    await t.core.declare(responder, { title: 'Phish' });
    await t.core.addNote(responder, 'INC-1', 'sent from 10.0.0.1');
    const { event } = await t.core.addCorrection(responder, 'INC-1', 2, 'it was 10.0.0.2');
    expect(event).toMatchObject({ kind: 'correction', correctsSeq: 2, seq: 3 });
    await expect(t.core.addCorrection(responder, 'INC-1', 42, 'x')).rejects.toThrow(/no event #42/);
  });
});

describe('pinned messages', () => {
  it('copies a message once, whatever the retries, and ignores other channels', async () => {
    const { incident } = await t.core.declare(responder, { title: 'Phish' });
    await t.core.attachChannel(incident.id, { id: 'C0INC1', name: 'inc-1', private: true });
    const message = { channel: 'C0INC1', ts: '1764000000.000100', author: 'U0BOB', text: 'headers attached', permalink: 'https://x/p1' };
    const first = await t.core.recordSlackMessage(slackUser('U0BOB', { source: 'slack-reaction' }), message, 'reaction', 'Ev1');
    const retry = await t.core.recordSlackMessage(slackUser('U0BOB', { source: 'slack-reaction' }), message, 'reaction', 'Ev1');
    const pin = await t.core.recordSlackMessage(slackUser('U0BOB', { source: 'slack-pin' }), message, 'pin', 'Ev2');
    expect(first?.event).toMatchObject({ kind: 'message_pinned', occurredAt: new Date(1764000000000) });
    expect(retry).toBeNull();
    expect(pin).toBeNull();
    expect(await t.core.recordSlackMessage(responder, { ...message, channel: 'C0RANDOM' }, 'pin', 'Ev3')).toBeNull();
    expect((await t.core.timeline(responder, 'INC-1')).events.filter((e) => e.kind === 'message_pinned')).toHaveLength(1);
  });
});

describe('append-only timeline', () => {
  it('the database refuses UPDATE, DELETE and TRUNCATE on timeline_events', async () => {
    await t.core.declare(responder, { title: 'Phish' });
    const db = t.database.db;
    expect(await dbErrorOf(db.execute(sql`update timeline_events set kind = 'x'`))).toMatch(/append-only: UPDATE/);
    expect(await dbErrorOf(db.execute(sql`delete from timeline_events`))).toMatch(/append-only: DELETE/);
    expect(await dbErrorOf(db.execute(sql`truncate timeline_events cascade`))).toMatch(/append-only: TRUNCATE/);
    expect((await t.core.timeline(responder, 'INC-1')).events).toHaveLength(1);
  });
});
