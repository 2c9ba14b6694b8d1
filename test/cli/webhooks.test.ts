// `rampart webhooks add|list|remove|deliveries` over a seeded DATA_DIR: a hook registered and a sev1 declared with
// paging on, so the delivery log holds a webhook event and a page, pending (no bot runs here to send them).
import { describe, expect, it } from 'vitest';
import { seededCliDataDir } from '../support/cli-data.js';

const CLI = { id: 'cli', source: 'cli' as const };

const { rampart } = seededCliDataDir('webhooks', { core: { paging: { severities: ['sev1'], source: 'rampart' } } }, async (core) => {
  await core.webhooks.add(CLI, { url: 'https://siem.example.org/rampart', events: 'incident.declared' });
  await core.declare({ id: 'U0LEAD', source: 'slack-command' }, { title: 'Ransom note', severity: 'sev1', private: false });
});

describe('rampart webhooks', () => {
  it('adds a hook and prints its secret once, lists hooks without secrets, and removes one', async () => {
    const added = await rampart('webhooks', 'add', 'http://127.0.0.1:8080/hook', '--events', 'incident.declared,incident.status_changed', '--trusted');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Webhook 2 added: http://127.0.0.1:8080/hook receives incident.declared, incident.status_changed (trusted: private incidents in full).');
    const secret = /Signing secret \(shown once; give it to the receiver\): ([0-9a-f]{64})/.exec(added.stdout)?.[1];
    expect(secret).toBeDefined();
    const removed = await rampart('webhooks', 'remove', '1');
    expect(removed.stdout.trim()).toBe('Webhook 1 removed: https://siem.example.org/rampart receives nothing more.');
    const list = await rampart('webhooks', 'list');
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^1 +https:\/\/siem\.example\.org\/rampart {2}events: incident\.declared {2}\(removed .*; added by cli\)$/);
    expect(lines[1]).toMatch(/^2 +http:\/\/127\.0\.0\.1:8080\/hook {2}events: incident\.declared,incident\.status_changed {2}trusted {2}\(active; added by cli\)$/);
    expect(list.stdout).not.toContain(secret!);
  });

  it('refuses a bad hook in one line, exiting 1', async () => {
    const bad = await rampart('webhooks', 'add', 'http://hooks.example.org/x', '--events', '*');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('must use https://');
    const events = await rampart('webhooks', 'add', 'https://hooks.example.org/x', '--events', 'incident.exploded');
    expect(events.code).toBe(1);
    expect(events.stderr).toContain('Unknown webhook event "incident.exploded"');
    expect((await rampart('webhooks', 'remove', 'abc')).stderr).toContain('"abc" is not a webhook id');
  });

  it('shows the delivery log, pending ones included, and only failed ones with --failed', async () => {
    const log = await rampart('webhooks', 'deliveries');
    expect(log.code).toBe(0);
    const lines = log.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^2 +pending +pagerduty +trigger +INC-1 +0 attempts$/);
    expect(lines[1]).toMatch(/^1 +pending +webhook 1 +incident\.declared +INC-1 +0 attempts$/);
    expect((await rampart('webhooks', 'deliveries', '--failed')).stdout.trim()).toBe('No failed deliveries.');
    expect((await rampart('webhooks', 'deliveries', '--limit', '0')).stderr).toContain('--limit takes a number from 1 to 1000');
  });
});
