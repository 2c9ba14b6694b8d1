// GET /metrics with METRICS_TOKEN: bound to every address (allowed only because a token is set), a scrape must
// present the token as a bearer token; without it, or with another, it gets 401 and no figures.
import { describe, expect, it } from 'vitest';
import { useTestBot } from '../support/slack.js';
import { scrape, valueOf } from './prometheus-text.js';

const TOKEN = 'scrape-token-0123456789abcdef';
const bot = useTestBot({ env: { METRICS_PORT: '0', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: TOKEN } });

describe('GET /metrics with METRICS_TOKEN', () => {
  it('answers a scrape that presents the token', async () => {
    expect(bot.rampart.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(valueOf(await scrape(bot.rampart.metricsUrl!, TOKEN), 'rampart_database_up')).toBe(1);
  });

  it.each([
    ['no Authorization header', undefined],
    ['another token', 'Bearer scrape-token-0123456789abcdeX'],
    ['the token without the Bearer scheme', TOKEN],
    ['the token with a prefix of it', `Bearer ${TOKEN.slice(0, 10)}`],
    ['basic auth', `Basic ${Buffer.from(`prometheus:${TOKEN}`).toString('base64')}`],
  ])('refuses %s with 401 and no figures', async (_, authorization) => {
    const res = await fetch(bot.rampart.metricsUrl!, authorization ? { headers: { authorization } } : {});
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(await res.text()).not.toMatch(/rampart_|process_/);
  });
});
