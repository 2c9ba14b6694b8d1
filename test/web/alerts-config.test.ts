// ALERTS_RATE_LIMIT as src/config.ts reads it: the default, both spellings, and a specific message for a bad value.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('alert intake settings', () => {
  it('defaults to 60 requests per source per minute', () => {
    expect(loadConfig({}).alerts).toEqual({ rateLimit: { points: 60, durationMs: 60_000 } });
  });

  it.each([
    ['60/min', { points: 60, durationMs: 60_000 }],
    ['1000/h', { points: 1000, durationMs: 3_600_000 }],
    ['5000/day', { points: 5000, durationMs: 86_400_000 }],
    ['10/30m', { points: 10, durationMs: 1_800_000 }],
  ])('reads %s', (value, rateLimit) => {
    expect(loadConfig({ ALERTS_RATE_LIMIT: value }).alerts.rateLimit).toEqual(rateLimit);
  });

  it.each(['60', '0/1m', '60/fortnight', 'lots'])('refuses %s', (value) => {
    expect(() => loadConfig({ ALERTS_RATE_LIMIT: value })).toThrow(/ALERTS_RATE_LIMIT: must be <requests>\/<duration>/);
  });
});
