// Which incident changes become outgoing deliveries, decided inside the change's transaction: PagerDuty's trigger,
// acknowledge and resolve for paging severities, webhook events for subscribed hooks, minimal payloads for private
// incidents, and nothing at all without a hook or paging.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { outgoingDeliveries, webhooks } from '../../../src/db/schema.js';
import { WEBHOOKS_REFRESH_MS } from '../../../src/core/webhooks/presence.js';
import { ADMIN, RESPONDER, slackUser, testCore } from '../../support/core.js';
import { createTestDatabase, emptyTestDatabase, type TestDatabase } from '../../support/db.js';
import type { CoreDeps } from '../../../src/core/context.js';

const CLI = { id: 'cli', source: 'cli' as const };
const lead = slackUser(RESPONDER);
const PAGING = { severities: ['sev1' as const], source: 'rampart-test' };

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => emptyTestDatabase(database));

const core = (paging?: CoreDeps['paging']) => testCore({ database, reviewRequired: [], ...(paging ? { paging } : {}) });
const rows = () => database.db.select().from(outgoingDeliveries).orderBy(asc(outgoingDeliveries.id));

describe('without a hook or paging', () => {
  it('enqueues nothing, whatever happens to the incident', async () => {
    const { core: c } = await core();
    await c.declare(lead, { title: 'Ransom note on the file server', severity: 'sev1', private: false });
    await c.changeStatus(lead, 'INC-1', 'investigating');
    await c.changeSeverity(lead, 'INC-1', 'sev2');
    await c.changeStatus(lead, 'INC-1', 'resolved');
    expect(await rows()).toEqual([]);
  });
});

describe('paging (PAGERDUTY_SEVERITIES=sev1)', () => {
  it('triggers on a sev1 declaration, acknowledges when work starts, resolves at the end, in one lane keyed by the incident', async () => {
    const { core: c } = await core(PAGING);
    const { incident } = await c.declare(lead, { title: 'Ransom note on the file server', severity: 'sev1', private: false });
    await c.changeStatus(lead, 'INC-1', 'investigating');
    await c.changeStatus(lead, 'INC-1', 'resolved');
    const all = await rows();
    expect(all.map((r) => [r.channel, r.event, r.lane])).toEqual([
      ['pagerduty', 'trigger', `pagerduty:${incident.id}`],
      ['pagerduty', 'acknowledge', `pagerduty:${incident.id}`],
      ['pagerduty', 'resolve', `pagerduty:${incident.id}`],
    ]);
    const dedup = `rampart-test:incident:${incident.id}`;
    expect(all[0]!.payload).toMatchObject({
      event_action: 'trigger',
      dedup_key: dedup,
      payload: { summary: 'INC-1 SEV1 (triage): Ransom note on the file server', source: 'rampart-test', severity: 'critical', custom_details: { ref: 'INC-1', title: 'Ransom note on the file server' } },
    });
    expect(all[1]!.payload).toEqual({ event_action: 'acknowledge', dedup_key: dedup });
    expect(all[2]!.payload).toEqual({ event_action: 'resolve', dedup_key: dedup });
    // The routing key is the adapter's: never stored.
    expect(JSON.stringify(all)).not.toContain('routing_key');
  });

  it('does not page below the paging severities, pages an escalation into one, and resolves a de-escalation out of it', async () => {
    const { core: c } = await core(PAGING);
    await c.declare(lead, { title: 'Odd login', severity: 'sev3', private: false });
    await c.changeStatus(lead, 'INC-1', 'investigating');
    expect(await rows()).toEqual([]);
    await c.changeSeverity(lead, 'INC-1', 'sev1');
    await c.changeSeverity(lead, 'INC-1', 'sev2');
    expect((await rows()).map((r) => r.event)).toEqual(['trigger', 'resolve']);
    expect((await rows())[0]!.payload).toMatchObject({ payload: { summary: 'INC-1 SEV1 (investigating): Odd login', severity: 'critical' } });
  });

  it('sends nothing for an incident that never paged, and never pages a drill', async () => {
    const { core: c } = await core(PAGING);
    await c.declare(lead, { title: 'Tabletop: ransomware', severity: 'sev1', drill: true, private: false });
    await c.declare(lead, { title: 'Lost badge', severity: 'sev4' });
    await c.changeStatus(lead, 'INC-2', 'declined', 'found it');
    await c.changeStatus(lead, 'INC-1', 'resolved');
    expect(await rows()).toEqual([]);
  });

  it('names a private incident by its reference, severity and status only', async () => {
    const { core: c } = await core(PAGING);
    await c.declare(lead, { title: 'CEO mailbox forwarding to a stranger', severity: 'sev1', type: 'account-compromise' });
    const [trigger] = await rows();
    expect(trigger!.payload).toMatchObject({ payload: { summary: 'INC-1 SEV1 (triage): private security incident', custom_details: { ref: 'INC-1', severity: 'sev1', status: 'triage' } } });
    expect(JSON.stringify(trigger!.payload)).not.toMatch(/CEO|mailbox|account-compromise/);
  });

  it('pages sev2 too when PAGERDUTY_SEVERITIES says so, and pages a reopened incident again', async () => {
    const { core: c } = await core({ severities: ['sev1', 'sev2'], source: 'rampart-test' });
    await c.declare(lead, { title: 'Phishing wave', severity: 'sev2', private: false });
    await c.changeStatus(lead, 'INC-1', 'resolved');
    await c.changeStatus(lead, 'INC-1', 'investigating');
    expect((await rows()).map((r) => r.event)).toEqual(['trigger', 'resolve', 'trigger']);
    expect((await rows())[0]!.payload).toMatchObject({ payload: { severity: 'error' } });
  });

  it('writes nothing when the change fails', async () => {
    const { core: c } = await core(PAGING);
    await c.declare(lead, { title: 'Ransom note', severity: 'sev1', private: false });
    await expect(c.changeStatus(lead, 'INC-1', 'closed')).rejects.toThrow();
    expect((await rows()).map((r) => r.event)).toEqual(['trigger']);
  });
});

describe('webhooks', () => {
  it('sends subscribed events only, a private incident minimal to an untrusted hook and in full to a trusted one', async () => {
    const { core: c } = await core();
    const plain = await c.webhooks.add(CLI, { url: 'https://hooks.example.org/a', events: 'incident.declared,incident.status_changed' });
    const trusted = await c.webhooks.add(CLI, { url: 'https://siem.example.org/rampart', events: '*', trusted: true });
    const { incident } = await c.declare(lead, { title: 'CEO mailbox forwarding to a stranger', severity: 'sev2', type: 'account-compromise' });
    await c.changeSeverity(lead, 'INC-1', 'sev1');
    await c.changeStatus(lead, 'INC-1', 'investigating', 'rule removed');
    const all = await rows();
    const toPlain = all.filter((r) => r.target === String(plain.webhook.id));
    const toTrusted = all.filter((r) => r.target === String(trusted.webhook.id));
    expect(toPlain.map((r) => r.event)).toEqual(['incident.declared', 'incident.status_changed']);
    expect(toTrusted.map((r) => r.event)).toEqual(['incident.declared', 'incident.severity_changed', 'incident.status_changed']);
    expect(toPlain[0]!.payload).toEqual({
      id: expect.stringMatching(new RegExp(`^evt_${incident.id}_\\d+$`)),
      type: 'incident.declared',
      occurred_at: '2026-11-24T10:00:00.000Z',
      restricted: true,
      incident: { ref: 'INC-1', severity: 'sev2', status: 'triage' },
    });
    expect(toPlain[1]!.payload).toMatchObject({ restricted: true, change: { from: 'triage', to: 'investigating' } });
    expect(JSON.stringify(toPlain)).not.toMatch(/CEO|mailbox|rule removed|account-compromise/);
    expect(toTrusted[0]!.payload).toMatchObject({ incident: { ref: 'INC-1', title: 'CEO mailbox forwarding to a stranger', private: true, type: 'account-compromise' } });
    expect(toTrusted[2]!.payload).toMatchObject({ change: { from: 'triage', to: 'investigating', note: 'rule removed' } });
    // The same event has the same id for every hook; the lanes are the hooks'.
    expect(toTrusted[0]!.payload.id).toBe(toPlain[0]!.payload.id);
    expect(new Set(all.map((r) => r.lane))).toEqual(new Set([`webhook:${plain.webhook.id}`, `webhook:${trusted.webhook.id}`]));
  });

  it('sends a public incident in full, with its roles and edits, and nothing to a removed hook', async () => {
    const { core: c } = await core();
    const hook = await c.webhooks.add(CLI, { url: 'http://127.0.0.1:9/hook', events: ['*'] });
    await c.declare(lead, { title: 'Website defaced', severity: 'sev2', private: false });
    await c.assignRole(lead, 'INC-1', 'commander', 'U0CMDR');
    await c.edit(lead, 'INC-1', { field: 'title', to: 'Website defaced by a botnet' });
    const sent = await rows();
    expect(sent.map((r) => r.event)).toEqual(['incident.declared', 'incident.role_assigned', 'incident.edited']);
    expect(sent[1]!.payload).toMatchObject({ incident: { commander: 'U0CMDR' }, change: { role: 'commander', from: null, to: 'U0CMDR' } });
    expect(sent[2]!.payload).toMatchObject({ change: { field: 'title', from: 'Website defaced', to: 'Website defaced by a botnet' } });
    await c.webhooks.remove(CLI, hook.webhook.id);
    await c.changeStatus(lead, 'INC-1', 'resolved');
    expect(await rows()).toHaveLength(3);
  });

  it('redacts secrets in what it sends', async () => {
    const { core: c } = await core();
    await c.webhooks.add(CLI, { url: 'https://hooks.example.org/a', events: '*' });
    await c.declare(lead, { title: 'Leaked key AKIAIOSFODNN7EXAMPLE in a public repo', severity: 'sev2', private: false });
    const [row] = await rows();
    expect(JSON.stringify(row!.payload)).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
});

describe('without webhooks, no query per change', () => {
  it('remembers there is none for a few seconds; a hook added elsewhere is seen after that, one added here at once', async () => {
    const { core: c, clock } = await core();
    await c.declare(lead, { title: 'First', severity: 'sev2', private: false });
    // Registered by another process (the CLI on Postgres): this one still believes there is none.
    await database.db.insert(webhooks).values({ url: 'https://hooks.example.org/a', events: ['*'], secret: 'x'.repeat(32), createdBy: 'cli', createdAt: clock.now() });
    await c.declare(lead, { title: 'Second', severity: 'sev2', private: false });
    expect(await rows()).toEqual([]);
    clock.advance(WEBHOOKS_REFRESH_MS);
    await c.declare(lead, { title: 'Third', severity: 'sev2', private: false });
    expect((await rows()).map((r) => r.payload.incident)).toMatchObject([{ ref: 'INC-3' }]);
    await c.webhooks.remove(CLI, 1);
    await c.declare(lead, { title: 'Fourth', severity: 'sev2', private: false });
    await c.webhooks.add(CLI, { url: 'https://hooks.example.org/b', events: '*' });
    await c.declare(lead, { title: 'Fifth', severity: 'sev2', private: false });
    expect((await rows()).map((r) => (r.payload.incident as { ref: string }).ref)).toEqual(['INC-3', 'INC-5']);
  });
});

describe('managing webhooks', () => {
  it('lets admins and the CLI register hooks, and refuses other Slack users', async () => {
    const { core: c } = await core();
    await expect(c.webhooks.add(lead, { url: 'https://hooks.example.org/a', events: '*' })).rejects.toMatchObject({ code: 'not_authorized' });
    const made = await c.webhooks.add(slackUser(ADMIN), { url: 'https://hooks.example.org/a', events: '*' });
    expect(made.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(made.webhook).toMatchObject({ url: 'https://hooks.example.org/a', events: ['*'], trusted: false, createdBy: ADMIN });
    expect(made.webhook).not.toHaveProperty('secret');
    expect((await c.webhooks.list(CLI)).map((h) => h.id)).toEqual([made.webhook.id]);
    await expect(c.webhooks.list(lead)).rejects.toMatchObject({ code: 'not_authorized' });
  });

  it('refuses a plain-http URL off this machine, unknown events and a short secret, writing nothing', async () => {
    const { core: c } = await core();
    await expect(c.webhooks.add(CLI, { url: 'http://hooks.example.org/a', events: '*' })).rejects.toThrow(/must use https:\/\//);
    await expect(c.webhooks.add(CLI, { url: 'not a url', events: '*' })).rejects.toThrow(/is not a URL/);
    await expect(c.webhooks.add(CLI, { url: 'https://u:p@hooks.example.org/a', events: '*' })).rejects.toThrow(/user name or password/);
    await expect(c.webhooks.add(CLI, { url: 'https://hooks.example.org/a', events: 'incident.declared,incident.exploded' })).rejects.toThrow(/Unknown webhook event "incident.exploded"/);
    await expect(c.webhooks.add(CLI, { url: 'https://hooks.example.org/a', events: '*', secret: 'short' })).rejects.toThrow(/16 to 256 characters/);
    await expect(c.webhooks.remove(CLI, 42)).rejects.toThrow(/no webhook 42/);
    expect(await c.webhooks.list(CLI)).toEqual([]);
  });
});
