// The decoy settings as src/config.ts reads them: defaults, and a specific message for each bad value.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('decoy settings', () => {
  it('defaults to /d, a 24 h dedup window, 10 recorded hits per source per hour, and no proxy trust', () => {
    expect(loadConfig({}).decoys).toEqual({ publicUrl: undefined, path: '/d', dedupWindowMs: 86_400_000, rateLimit: { points: 10, durationMs: 3_600_000 }, trustProxy: false });
  });

  it('reads every setting, dropping a trailing slash from PUBLIC_URL', () => {
    const c = loadConfig({ PUBLIC_URL: 'https://rampart.example.org/', DECOY_PATH: '/static/img', DECOY_DEDUP_WINDOW: '2d', DECOY_RATE_LIMIT: '5/30m', TRUST_PROXY: 'true' });
    expect(c.decoys).toEqual({ publicUrl: 'https://rampart.example.org', path: '/static/img', dedupWindowMs: 172_800_000, rateLimit: { points: 5, durationMs: 1_800_000 }, trustProxy: true });
  });

  it.each([
    [{ DECOY_PATH: 'd' }, /DECOY_PATH: must start with \//],
    [{ DECOY_PATH: '/slack/x' }, /DECOY_PATH: .*not under \/slack/],
    [{ DECOY_PATH: '/d/' }, /DECOY_PATH/],
    [{ DECOY_DEDUP_WINDOW: 'soon' }, /DECOY_DEDUP_WINDOW: a duration/],
    [{ DECOY_RATE_LIMIT: '10' }, /DECOY_RATE_LIMIT: must be <hits>\/<duration>/],
    [{ DECOY_RATE_LIMIT: '0/1h' }, /DECOY_RATE_LIMIT/],
    [{ PUBLIC_URL: 'rampart' }, /PUBLIC_URL: must be the https:\/\/ address/],
    [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY: must be true or false/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
