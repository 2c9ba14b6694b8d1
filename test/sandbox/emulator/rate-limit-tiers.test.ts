// The rate-limit table and the limiter's windows, without a server: every method the emulator serves has a published
// tier with its source, and each window slides with the clock it is given.
import { describe, expect, it } from 'vitest';
import { METHODS } from '../../../src/sandbox/emulator/methods/index.js';
import { METHOD_LIMITS, TIER_PER_MINUTE } from '../../../src/slack/rate-limit-tiers.js';
import { RateLimiter } from '../../../src/sandbox/emulator/rate-limits.js';

const T0 = 1_700_000_000_000;

/** Calls `method` n times at `at`; how many were let through. */
function burst(limiter: RateLimiter, method: string, n: number, at: number, params: Record<string, unknown> = {}): number {
  let passed = 0;
  for (let i = 0; i < n; i++) if (!limiter.take(method, params, at)) passed += 1;
  return passed;
}

describe('the rate-limit table', () => {
  it('gives every served method a tier and the Slack page that documents it', () => {
    expect(Object.keys(METHOD_LIMITS).sort()).toEqual(Object.keys(METHODS).sort());
    for (const [method, limit] of Object.entries(METHOD_LIMITS)) expect(limit.source).toBe(`https://docs.slack.dev/reference/methods/${method}`);
  });

  it('has the tiers the issue names', () => {
    expect(METHOD_LIMITS['conversations.create']!.tier).toBe('tier2');
    expect(METHOD_LIMITS['conversations.invite']!.tier).toBe('tier3');
    expect(METHOD_LIMITS['chat.postMessage']!.tier).toBe('special');
  });
});

describe('the limiter', () => {
  it.each([
    ['tier2', 'conversations.create'],
    ['tier3', 'conversations.invite'],
    ['tier4', 'views.publish'],
  ] as const)('lets %s through its published calls a minute, then refuses', (tier, method) => {
    const limiter = new RateLimiter();
    expect(burst(limiter, method, TIER_PER_MINUTE[tier] + 5, T0)).toBe(TIER_PER_MINUTE[tier]);
  });

  it('counts each method apart', () => {
    const limiter = new RateLimiter();
    expect(burst(limiter, 'conversations.create', 25, T0)).toBe(20);
    expect(burst(limiter, 'conversations.setTopic', 25, T0)).toBe(20);
  });

  it('slides the window with the clock: a slot frees when the call that took it is a minute old', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 20; i++) expect(limiter.take('conversations.create', {}, T0 + i * 1_000)).toBeUndefined();
    // 20 calls from T0 to T0+19 s: the next is refused until T0's call leaves the window at T0+60 s.
    expect(limiter.take('conversations.create', {}, T0 + 30_000)).toEqual({ retryAfterSeconds: 30 });
    expect(limiter.take('conversations.create', {}, T0 + 59_999)).toEqual({ retryAfterSeconds: 1 });
    expect(limiter.take('conversations.create', {}, T0 + 60_000)).toBeUndefined();
    // Only one slot freed (T0+1 s's call is still inside).
    expect(limiter.take('conversations.create', {}, T0 + 60_500)).toEqual({ retryAfterSeconds: 1 });
  });

  it('does not count refused calls: waiting Retry-After gets through', () => {
    const limiter = new RateLimiter({ perMinute: { tier2: 2 } });
    expect(burst(limiter, 'conversations.create', 2, T0)).toBe(2);
    const refused = limiter.take('conversations.create', {}, T0 + 10_000);
    expect(refused).toEqual({ retryAfterSeconds: 50 });
    expect(burst(limiter, 'conversations.create', 10, T0 + 20_000)).toBe(0);
    expect(limiter.take('conversations.create', {}, T0 + refused!.retryAfterSeconds * 1_000 + 10_000)).toBeUndefined();
  });

  it('limits chat.postMessage per channel: a short burst, then one a second', () => {
    const limiter = new RateLimiter();
    expect(burst(limiter, 'chat.postMessage', 5, T0, { channel: 'C1' })).toBe(3);
    // Another channel has its own allowance.
    expect(burst(limiter, 'chat.postMessage', 5, T0, { channel: 'C2' })).toBe(3);
    expect(limiter.take('chat.postMessage', { channel: 'C1' }, T0 + 500)).toEqual({ retryAfterSeconds: 3 });
    // One a second, sustained, never refused.
    for (let s = 3; s < 30; s++) expect(limiter.take('chat.postMessage', { channel: 'C1' }, T0 + s * 1_000)).toBeUndefined();
    expect(limiter.take('chat.postMessage', { channel: 'C1' }, T0 + 29_500)).toBeDefined();
  });

  it('takes other budgets and leaves other Special methods unlimited', () => {
    const limiter = new RateLimiter({ perMinute: { tier3: 4 }, postMessageBurst: 1 });
    expect(burst(limiter, 'conversations.invite', 10, T0)).toBe(4);
    expect(burst(limiter, 'chat.postMessage', 3, T0, { channel: 'C1' })).toBe(1);
    expect(burst(limiter, 'auth.test', 500, T0)).toBe(500);
    expect(burst(limiter, 'no.such.method', 500, T0)).toBe(500);
  });

  it('forgets every window on clear', () => {
    const limiter = new RateLimiter();
    expect(burst(limiter, 'conversations.create', 25, T0)).toBe(20);
    limiter.clear();
    expect(burst(limiter, 'conversations.create', 25, T0)).toBe(20);
  });

  it('caps events per hour in a sliding window, with one app_rate_limited notice a minute', () => {
    const limiter = new RateLimiter({ eventsPerHour: 2 });
    expect([limiter.takeEvent(T0), limiter.takeEvent(T0 + 1_000)]).toEqual([{ kind: 'deliver' }, { kind: 'deliver' }]);
    const minute = Math.floor((T0 + 2_000) / 60_000) * 60;
    expect(limiter.takeEvent(T0 + 2_000)).toEqual({ kind: 'notify', minute });
    expect(limiter.takeEvent(T0 + 3_000)).toEqual({ kind: 'drop' });
    // An hour on, T0's event has left the window (one slot), T0+1 s's has not; a new minute gets a new notice.
    expect(limiter.takeEvent(T0 + 3_600_000)).toEqual({ kind: 'deliver' });
    expect(limiter.takeEvent(T0 + 3_600_001)).toEqual({ kind: 'notify', minute: Math.floor((T0 + 3_600_001) / 60_000) * 60 });
    expect(limiter.takeEvent(T0 + 3_601_000)).toEqual({ kind: 'deliver' });
  });
});
