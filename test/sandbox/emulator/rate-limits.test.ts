// The emulator enforcing Slack's rate-limit tiers when asked: over a limit a call answers as Slack does (HTTP 429,
// Retry-After in seconds, {"ok":false,"error":"ratelimited"}) and takes no effect; windows follow the emulator's clock.
import { afterEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import { SECRET, TOKEN, client, testClock, type TestClock } from './helpers.js';

let emu: SlackEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function start(rateLimits?: boolean): Promise<{ emu: SlackEmulator; clock: TestClock }> {
  const clock = testClock();
  emu = await SlackEmulator.start({ signingSecret: SECRET, botToken: TOKEN, now: clock.now, ...(rateLimits === undefined ? {} : { rateLimits }) });
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
});
