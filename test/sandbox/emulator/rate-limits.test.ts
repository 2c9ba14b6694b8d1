// The emulator enforcing Slack's rate-limit tiers when asked: over a limit a call answers as Slack does (HTTP 429,
// Retry-After in seconds, {"ok":false,"error":"ratelimited"}) and takes no effect; windows follow the emulator's clock.
import { afterEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import type { RateLimitSettings } from '../../../src/sandbox/emulator/rate-limits.js';
import { SECRET, TOKEN, client, startFakeBot, testClock, type FakeBot, type TestClock } from './helpers.js';

let emu: SlackEmulator | undefined;
let bot: FakeBot | undefined;
afterEach(async () => {
  await emu?.close();
  await bot?.close();
  emu = undefined;
  bot = undefined;
});

async function start(rateLimits?: boolean | RateLimitSettings, botUrl?: string): Promise<{ emu: SlackEmulator; clock: TestClock }> {
  const clock = testClock();
  emu = await SlackEmulator.start({ signingSecret: SECRET, botToken: TOKEN, now: clock.now, botUrl, ...(rateLimits === undefined ? {} : { rateLimits }) });
  return { emu, clock };
}

const call = (e: SlackEmulator, method: string, params: Record<string, string>, token = TOKEN) =>
  fetch(`${e.apiUrl}${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new URLSearchParams(params) });

describe('rate limits in the emulator', () => {
  it('are off by default: 60 channels created at one instant all succeed', async () => {
    const { emu } = await start();
    for (let i = 0; i < 60; i++) expect((await call(emu, 'conversations.create', { name: `c-${i}` })).status).toBe(200);
    expect(emu.callsTo('conversations.create').every((c) => c.response.ok === true)).toBe(true);
  });

  it('refuse the 21st conversations.create in a minute (Tier 2) as Slack does, with nothing created', async () => {
    const { emu, clock } = await start(true);
    for (let i = 0; i < 20; i++) expect((await call(emu, 'conversations.create', { name: `c-${i}` })).status).toBe(200);
    clock.advance(15_000);
    const res = await call(emu, 'conversations.create', { name: 'c-20' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('45');
    expect(await res.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect(emu.channelByName('c-20')).toBeUndefined();
    expect(emu.callsTo('conversations.create').at(-1)).toMatchObject({ status: 429, response: { ok: false, error: 'ratelimited' } });
    // After Retry-After on the emulator's clock, the same call goes through.
    clock.advance(45_000);
    expect((await call(emu, 'conversations.create', { name: 'c-20' })).status).toBe(200);
    expect(emu.channelByName('c-20')).toBeDefined();
  });

  it('allow 50 conversations.invite a minute (Tier 3)', async () => {
    const { emu } = await start(true);
    const ch = emu.channel('war-room', { botMember: true });
    const statuses: number[] = [];
    for (let i = 0; i < 52; i++) statuses.push((await call(emu, 'conversations.invite', { channel: ch.id, users: emu.user(`u${i}`).id })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    expect(statuses.slice(50)).toEqual([429, 429]);
    expect(ch.members.filter((m) => m !== emu.botUser.id)).toHaveLength(50);
  });

  it('limit chat.postMessage per channel and surface as the Web API client rate-limited error', async () => {
    const { emu, clock } = await start(true);
    const a = emu.channel('a', { botMember: true });
    const b = emu.channel('b', { botMember: true });
    const web = client(emu, TOKEN, { rejectRateLimitedCalls: true });
    for (let i = 0; i < 3; i++) await web.chat.postMessage({ channel: a.id, text: `a${i}` });
    await expect(web.chat.postMessage({ channel: a.id, text: 'a3' })).rejects.toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 3 });
    // Channel b is untouched by a's burst.
    await web.chat.postMessage({ channel: b.id, text: 'b0' });
    clock.advance(1_000);
    await expect(web.chat.postMessage({ channel: a.id, text: 'a3' })).rejects.toMatchObject({ retryAfter: 2 });
    clock.advance(2_000);
    await web.chat.postMessage({ channel: a.id, text: 'a3' });
    expect(emu.messages(a.id).map((m) => m.text)).toEqual(['a0', 'a1', 'a2', 'a3']);
  });

  it('count only authenticated calls, and forget their windows on reset', async () => {
    const { emu } = await start(true);
    for (let i = 0; i < 30; i++) expect(await (await call(emu, 'conversations.create', { name: `x-${i}` }, 'xoxb-wrong')).json()).toMatchObject({ error: 'invalid_auth' });
    for (let i = 0; i < 20; i++) expect((await call(emu, 'conversations.create', { name: `c-${i}` })).status).toBe(200);
    expect((await call(emu, 'conversations.create', { name: 'c-20' })).status).toBe(429);
    emu.reset();
    expect((await call(emu, 'conversations.create', { name: 'c-20' })).status).toBe(200);
  });

  it('drop events over the hourly cap, telling the app once a minute with app_rate_limited', async () => {
    bot = await startFakeBot();
    const { emu, clock } = await start({ eventsPerHour: 2 }, bot.url);
    const ch = emu.channel('ops', { botMember: true });
    const u = emu.user('ann');
    const said = async (text: string) => (await emu.say({ user: u.id, channel: ch.id, text })).reply.status;
    expect([await said('one'), await said('two')]).toEqual([200, 200]);
    expect(await said('three')).toBe(0);
    expect(await said('four')).toBe(0);
    const bodies = () => bot!.received.map((r) => JSON.parse(r.body) as { type: string; event?: { text: string }; minute_rate_limited?: number });
    expect(bodies().map((b) => b.event?.text ?? b.type)).toEqual(['one', 'two', 'app_rate_limited']);
    expect(bodies()[2]).toMatchObject({ team_id: emu.teamId, api_app_id: emu.appId, minute_rate_limited: Math.floor(clock.now() / 60_000) * 60 });
    // The messages are in the channel all the same: only the app's events are capped.
    expect(emu.messages(ch.id).map((m) => m.text)).toEqual(['one', 'two', 'three', 'four']);
    // A minute later, still over the cap: one more notice; an hour after the first events, delivered again.
    clock.advance(60_000);
    expect(await said('five')).toBe(0);
    expect(bodies().filter((b) => b.type === 'app_rate_limited')).toHaveLength(2);
    clock.advance(3_600_000);
    expect(await said('six')).toBe(200);
    expect(bodies().at(-1)!.event?.text).toBe('six');
  });
});
