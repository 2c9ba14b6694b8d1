// The mailbox settings: off unless MAIL_IMAP_HOST is set; then a user and exactly one of password and token.
import { describe, expect, it } from 'vitest';
import { loadConfig, type ConfigError } from '../../src/config.js';

const HOST = { MAIL_IMAP_HOST: 'imap.example.org', MAIL_IMAP_USER: 'report-phishing@example.org' };

describe('mailbox settings', () => {
  it('reads no mailbox by default, with a 72 h campaign window', () => {
    const config = loadConfig({});
    expect(config.mail).toBeUndefined();
    expect(config.phishingCampaignWindowMs).toBe(72 * 3_600_000);
  });

  it('reads the IMAP settings with their defaults', () => {
    expect(loadConfig({ ...HOST, MAIL_IMAP_PASSWORD: 'app-password', PHISHING_CAMPAIGN_WINDOW: '2d' })).toMatchObject({
      mail: { host: 'imap.example.org', port: 993, secure: true, user: 'report-phishing@example.org', password: 'app-password', mailbox: 'INBOX', pollIntervalMs: 60_000 },
      phishingCampaignWindowMs: 48 * 3_600_000,
    });
    expect(loadConfig({ ...HOST, MAIL_IMAP_ACCESS_TOKEN: 'ya29.token', MAIL_IMAP_PORT: '143', MAIL_IMAP_SECURE: 'false' }).mail).toMatchObject({ accessToken: 'ya29.token', port: 143, secure: false });
  });

  it('lists every problem together, never the secret', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        return (err as ConfigError).problems;
      }
      throw new Error('no ConfigError');
    };
    expect(problems({ MAIL_IMAP_HOST: 'imap.example.org' })).toEqual([expect.stringMatching(/^MAIL_IMAP_USER: /), expect.stringMatching(/^MAIL_IMAP_PASSWORD: set exactly one/)]);
    const both = problems({ ...HOST, MAIL_IMAP_PASSWORD: 'sekrit-pass', MAIL_IMAP_ACCESS_TOKEN: 'sekrit-token' });
    expect(both).toEqual([expect.stringMatching(/^MAIL_IMAP_PASSWORD: set exactly one/)]);
    expect(both.join()).not.toMatch(/sekrit/);
    expect(problems({ MAIL_POLL_INTERVAL: 'often', PHISHING_CAMPAIGN_WINDOW: '0m' })).toEqual([expect.stringMatching(/^MAIL_POLL_INTERVAL: /), expect.stringMatching(/^PHISHING_CAMPAIGN_WINDOW: /)]);
  });
});
