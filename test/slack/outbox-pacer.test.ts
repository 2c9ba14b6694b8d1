// The outbox's pacer on a fake clock: Slack's published tiers per method in any window, chat.postMessage per channel,
// a far slot sending the row away with the slot kept for it, and a 429 holding its method for Retry-After.
import { describe, expect, it } from 'vitest';
import { PacingDeferred, SlackPacer } from '../../src/slack/outbox/pacer.js';

function pacer(opts: { maxWaitMs?: number } = {}) {
  const clock = { now: 1_000_000 };
  const waits: number[] = [];
  const p = new SlackPacer({
    now: () => clock.now,
    sleep: async (ms) => {
      waits.push(ms);
      clock.now += ms;
    },
    maxWaitMs: opts.maxWaitMs ?? 2_000,
    marginMs: 100,
  });
  return { p, clock, waits };
}

const deferral = async (p: Promise<unknown>): Promise<PacingDeferred> => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PacingDeferred);
  return err as PacingDeferred;
};

describe('the outbox pacer', () => {
  it('lets a Tier 2 method through 20 times a minute, then sends the 21st away to when the first leaves the window', async () => {
    const { p, clock, waits } = pacer();
    for (let i = 0; i < 20; i++) await p.take('conversations.create', {}, `row-${i}`);
    expect(waits).toEqual([]);
    const away = await deferral(p.take('conversations.create', {}, 'row-20'));
    expect(away.at).toBe(clock.now + 60_100);
    // Other methods have budgets of their own.
    await p.take('conversations.invite', { channel: 'C1' }, 'row-x');
    expect(waits).toEqual([]);
  });

  it('keeps the slot for a row it sent away, so the row goes through when it comes back', async () => {
    const { p, clock } = pacer();
    for (let i = 0; i < 20; i++) await p.take('pins.add', {}, `row-${i}`);
    const first = await deferral(p.take('pins.add', {}, 'late-1'));
    const second = await deferral(p.take('pins.add', {}, 'late-2'));
    expect(second.at).toBeGreaterThanOrEqual(first.at);
    clock.now = first.at;
    await expect(p.take('pins.add', {}, 'late-1')).resolves.toBeTypeOf('function');
    await expect(p.take('pins.add', {}, 'late-2')).resolves.toBeTypeOf('function');
    // The two kept slots count in the new window: 18 more go, the next is sent away a minute on.
    for (let i = 0; i < 18; i++) await p.take('pins.add', {}, `next-${i}`);
    const newcomer = await deferral(p.take('pins.add', {}, 'next-18'));
    expect(newcomer.at).toBe(first.at + 60_100);
  });

  it('paces chat.postMessage per channel, waiting in place for a near slot', async () => {
    const { p, waits } = pacer();
    await p.take('chat.postMessage', { channel: 'C1' }, 'a');
    await p.take('chat.postMessage', { channel: 'C2' }, 'b');
    expect(waits).toEqual([]);
    await p.take('chat.postMessage', { channel: 'C1' }, 'c');
    expect(waits).toEqual([1_100]);
  });

  it('counts a call from its answer, so one slow to arrive cannot make the next window start early', async () => {
    const { p, clock } = pacer({ maxWaitMs: 0 });
    const answered = await p.take('chat.postMessage', { channel: 'C1' }, 'a');
    clock.now += 500;
    answered();
    const away = await deferral(p.take('chat.postMessage', { channel: 'C1' }, 'b'));
    expect(away.at).toBe(clock.now + 1_100);
  });

  it('holds a refused method until Retry-After has passed, and leaves methods without a published number alone', async () => {
    const { p, clock } = pacer();
    p.refused('conversations.list', {}, 30_000);
    const away = await deferral(p.take('conversations.list', {}, 'row'));
    expect(away.at).toBe(clock.now + 30_000);
    p.refused('auth.test', {}, 30_000);
    for (let i = 0; i < 500; i++) await p.take('auth.test', {}, 'row');
    await p.take('some.unknownMethod', {}, 'row');
  });
});
