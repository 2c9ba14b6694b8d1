// Events API callbacks: reaction_added and pin_added envelopes, replays with retry headers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import { verifySlackSignature } from '../../support/signing.js';
import type { FakeBot } from './helpers.js';
import { SECRET, START_MS, startEmulator, startFakeBot } from './helpers.js';

let emu: SlackEmulator;
let bot: FakeBot;
beforeEach(async () => {
  bot = await startFakeBot();
  ({ emu } = await startEmulator(bot.url));
});
afterEach(async () => {
  await emu.close();
  await bot.close();
});

const body = (i: number) => JSON.parse(bot.received[i]?.body ?? 'null') as Record<string, unknown>;

describe('react', () => {
  it('adds the reaction and sends a signed reaction_added envelope', async () => {
    const ch = emu.channel('inc');
    const alice = emu.user('alice');
    const m = emu.postAsUser(alice.id, ch.id, 'look at this');
    await emu.react({ user: 'bob', channel: 'inc', ts: m.ts, name: ':rotating_light:' });
    const bob = emu.user('bob');
    expect(m.reactions).toEqual([{ name: 'rotating_light', users: [bob.id] }]);
    const r = bot.received[0];
    expect(r?.headers['content-type']).toBe('application/json');
    expect(verifySlackSignature(SECRET, r?.headers ?? {}, r?.body ?? '', START_MS / 1000)).toBe(true);
    expect(r?.headers['x-slack-retry-num']).toBeUndefined();
    expect(body(0)).toMatchObject({
      token: expect.any(String),
      team_id: 'T0RAMPART',
      api_app_id: 'A0RAMPART',
      type: 'event_callback',
      event_id: expect.stringMatching(/^Ev/),
      event_time: 1_700_000_000,
      authorizations: [{ team_id: 'T0RAMPART', user_id: 'U0BOT', is_bot: true }],
      event: { type: 'reaction_added', user: bob.id, reaction: 'rotating_light', item_user: alice.id, item: { type: 'message', channel: ch.id, ts: m.ts }, event_ts: expect.any(String) },
    });
  });

  it('replays the same event with retry headers without reacting twice', async () => {
    const ch = emu.channel('inc');
    const m = emu.postAsUser(emu.user('alice').id, ch.id, 'x');
    await emu.react({ user: 'bob', channel: ch.id, ts: m.ts, name: 'eyes', eventId: 'Ev123' });
    await emu.react({ user: 'bob', channel: ch.id, ts: m.ts, name: 'eyes', eventId: 'Ev123', retryNum: 1 });
    expect(body(0).event_id).toBe('Ev123');
    expect(body(1).event_id).toBe('Ev123');
    expect(bot.received[1]?.headers).toMatchObject({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(m.reactions).toEqual([{ name: 'eyes', users: [emu.user('bob').id] }]);
  });
});

describe('pin', () => {
  it('pins and sends pin_added with the message and its permalink', async () => {
    const ch = emu.channel('inc');
    const alice = emu.user('alice');
    const m = emu.postAsUser(alice.id, ch.id, 'root cause: expired cert');
    await emu.pin({ user: 'alice', channel: 'inc', ts: m.ts });
    expect(m.pinned).toBe(true);
    expect(body(0).event).toMatchObject({
      type: 'pin_added',
      user: alice.id,
      channel_id: ch.id,
      item: { type: 'message', channel: ch.id, created_by: alice.id, message: { type: 'message', user: alice.id, text: 'root cause: expired cert', ts: m.ts, permalink: `https://rampart-sandbox.slack.com/archives/${ch.id}/p${m.ts.replace('.', '')}` } },
    });
  });

  it('uses distinct event ids for distinct events', async () => {
    const ch = emu.channel('inc');
    const a = emu.postAsUser(emu.user('alice').id, ch.id, 'a');
    const b = emu.postAsUser(emu.user('alice').id, ch.id, 'b');
    await emu.pin({ user: 'alice', channel: ch.id, ts: a.ts });
    await emu.pin({ user: 'alice', channel: ch.id, ts: b.ts });
    expect(body(0).event_id).not.toBe(body(1).event_id);
  });
});
