// Injected faults added for the outbox: a reset connection (before or after the call took effect), a delay whose call
// takes effect at once, and faults on a seeded share of calls.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import { FaultTable, mulberry32 } from '../../../src/sandbox/emulator/faults.js';
import { TOKEN, client, startEmulator } from './helpers.js';

let emu: SlackEmulator;
beforeEach(async () => {
  ({ emu } = await startEmulator());
});
afterEach(() => emu.close());

describe('reset', () => {
  it('drops the connection without answering, and the call does not happen', async () => {
    const ch = emu.channel('general');
    emu.injectFault({ method: 'chat.postMessage', kind: 'reset' });
    await expect(client(emu).chat.postMessage({ channel: ch.id, text: 'lost' })).rejects.toMatchObject({ code: webApi.ErrorCode.RequestError });
    expect(emu.messages(ch.id)).toEqual([]);
    expect(emu.callsTo('chat.postMessage').map((c) => c.status)).toEqual([0]);
    await client(emu).chat.postMessage({ channel: ch.id, text: 'next' });
    expect(emu.messages(ch.id).map((m) => m.text)).toEqual(['next']);
  });

  it('handled: the call takes effect, then the connection drops, so the caller cannot tell', async () => {
    const ch = emu.channel('general');
    emu.injectFault({ method: 'chat.postMessage', kind: 'reset', handled: true });
    await expect(client(emu).chat.postMessage({ channel: ch.id, text: 'landed' })).rejects.toMatchObject({ code: webApi.ErrorCode.RequestError });
    expect(emu.messages(ch.id).map((m) => m.text)).toEqual(['landed']);
    expect(emu.callsTo('chat.postMessage').map((c) => c.status)).toEqual([200]);
  });
});

describe('handled delay', () => {
  it('applies the call at once and holds only the answer, so a short client timeout fails after the fact', async () => {
    const ch = emu.channel('general');
    emu.injectFault({ method: 'chat.postMessage', kind: 'delay', ms: 300, handled: true });
    const web = new webApi.WebClient(TOKEN, { slackApiUrl: emu.apiUrl, timeout: 50, retryConfig: { retries: 0 }, logLevel: webApi.LogLevel.ERROR });
    await expect(web.chat.postMessage({ channel: ch.id, text: 'slow but done' })).rejects.toMatchObject({ code: webApi.ErrorCode.RequestError });
    expect(emu.messages(ch.id).map((m) => m.text)).toEqual(['slow but done']);
  });
});

describe('share', () => {
  it('fires on about that share of calls, the same calls for the same seed, until cleared', async () => {
    const ch = emu.channel('general');
    const statuses = async () => {
      const out: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await fetch(`${emu.apiUrl}chat.postMessage`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: new URLSearchParams({ channel: ch.id, text: 'x' }) });
        out.push(res.status);
      }
      return out;
    };
    emu.injectFault({ method: 'chat.postMessage', kind: 'http_error', status: 500, share: 0.3, seed: 7 });
    const first = await statuses();
    emu.clearFaults();
    emu.injectFault({ method: 'chat.postMessage', kind: 'http_error', status: 500, share: 0.3, seed: 7 });
    expect(await statuses()).toEqual(first);
    const failed = first.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(4);
    expect(failed).toBeLessThan(24);
    emu.clearFaults();
    expect((await statuses()).every((s) => s === 200)).toBe(true);
  });

  it('with times, stops after firing that many times; a share fault that does not fire leaves the call to the next one', () => {
    const table = new FaultTable();
    table.add({ method: 'm', kind: 'http_error', status: 500, share: 1, times: 2 });
    table.add({ method: 'm', kind: 'slack_error', error: 'later', share: 0 });
    table.add({ method: 'm', kind: 'rate_limited', retryAfterSeconds: 3 });
    expect([table.take('m')?.kind, table.take('m')?.kind, table.take('m')?.kind, table.take('m')?.kind]).toEqual(['http_error', 'http_error', 'rate_limited', undefined]);
  });

  it('refuses a share outside 0..1', () => {
    expect(() => new FaultTable().add({ method: 'm', kind: 'reset', share: 1.5 })).toThrow('between 0 and 1');
  });

  it('mulberry32 repeats for a seed and differs across seeds', () => {
    const a = mulberry32(3);
    const b = mulberry32(3);
    const c = mulberry32(4);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
