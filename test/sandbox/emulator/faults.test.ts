// Injected faults: each kind, consumed `times` times, recorded in calls.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import type { EmuActivity } from '../../../src/sandbox/emulator/types.js';
import { TOKEN, client, startEmulator } from './helpers.js';

let emu: SlackEmulator;
beforeEach(async () => {
  ({ emu } = await startEmulator());
});
afterEach(() => emu.close());

const post = (channel: string) =>
  fetch(`${emu.apiUrl}chat.postMessage`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: new URLSearchParams({ channel, text: 'x' }) });

describe('faults', () => {
  it('rate_limited answers 429 with Retry-After and ratelimited, then recovers', async () => {
    const ch = emu.channel('general');
    emu.injectFault({ method: 'chat.postMessage', kind: 'rate_limited', retryAfterSeconds: 7, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await post(ch.id);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(await res.json()).toEqual({ ok: false, error: 'ratelimited' });
    }
    expect((await post(ch.id)).status).toBe(200);
    expect(emu.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 429, 200]);
    expect(emu.messages(ch.id)).toHaveLength(1);
  });

  it('rate_limited surfaces as WebAPIRateLimitedError with rejectRateLimitedCalls', async () => {
    const ch = emu.channel('general');
    emu.injectFault({ method: 'chat.postMessage', kind: 'rate_limited', retryAfterSeconds: 30 });
    const web = client(emu, TOKEN, { rejectRateLimitedCalls: true });
    await expect(web.chat.postMessage({ channel: ch.id, text: 'x' })).rejects.toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 30 });
  });

  it('http_error answers that status', async () => {
    const ch = emu.channel('general');
    emu.injectFault({ method: 'chat.postMessage', kind: 'http_error', status: 503 });
    await expect(client(emu).chat.postMessage({ channel: ch.id, text: 'x' })).rejects.toMatchObject({ code: webApi.ErrorCode.HTTPError, statusCode: 503 });
    expect(emu.messages(ch.id)).toEqual([]);
  });

  it('slack_error answers 200 with the error, only for the named method, and emits api_error', async () => {
    const ch = emu.channel('general');
    const errors: EmuActivity[] = [];
    emu.onActivity((a) => a.kind === 'api_error' && errors.push(a));
    emu.injectFault({ method: 'conversations.create', kind: 'slack_error', error: 'restricted_action' });
    const web = client(emu);
    await web.chat.postMessage({ channel: ch.id, text: 'unaffected' });
    await expect(web.conversations.create({ name: 'inc' })).rejects.toMatchObject({ data: { ok: false, error: 'restricted_action' } });
    await expect(web.conversations.create({ name: 'inc' })).resolves.toMatchObject({ ok: true });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ call: { method: 'conversations.create', response: { error: 'restricted_action' } } });
  });

  it('delay holds the answer while other calls go through, then answers normally', async () => {
    // The delay is the server being slow, so it is real time; kept short, and checked by ordering.
    const ch = emu.channel('general');
    emu.injectFault({ method: 'chat.postMessage', kind: 'delay', ms: 60 });
    const web = client(emu);
    const order: string[] = [];
    const slow = web.chat.postMessage({ channel: ch.id, text: 'late' }).then(() => order.push('slow'));
    const started = performance.now();
    await web.auth.test().then(() => order.push('fast'));
    await slow;
    expect(order).toEqual(['fast', 'slow']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
    expect(emu.messages(ch.id)[0]?.text).toBe('late');
  });

  it('clearFaults drops pending faults', async () => {
    const ch = emu.channel('general');
    emu.injectFault({ method: 'chat.postMessage', kind: 'http_error', status: 500, times: 3 });
    emu.clearFaults();
    expect((await post(ch.id)).status).toBe(200);
  });
});
