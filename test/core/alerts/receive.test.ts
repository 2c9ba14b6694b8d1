// Receiving alerts: an alert opens a private triage incident or joins the open one with its dedupe key (per source);
// every field is checked and redacted, and a bad alert is refused naming its field and writes nothing.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';
import { emptyTestDatabase } from '../../support/db.js';
import { isAppError } from '../../../src/shared/errors.js';
import { alertsForIncident } from '../../../src/core/alerts/queries.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeAll(async () => {
  t = await testCore({ reviewRequired: [], redactPatterns: [{ name: 'employee-id', pattern: /EMP-\d{6}/g }] });
});
let token: string;
beforeEach(async () => {
  token = (await t.core.alerts.createSource(cli, 'gws')).token;
});
afterEach(async () => {
  await emptyTestDatabase(t.database);
});
afterAll(async () => {
  await t.close();
});

const cli = { id: 'cli', source: 'cli' } as const;
const responder = slackUser(RESPONDER);
const GH = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

async function count(table: string): Promise<number> {
  const r = await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

async function writes(): Promise<number[]> {
  return Promise.all(['incidents', 'alerts', 'timeline_events', 'observables', 'alert_dedupe_keys'].map(count));
}

describe('opening and joining', () => {
  it('opens a private triage incident with the alert as its first events, and stores the alert', async () => {
    const r = await t.core.alerts.receive(token, {
      title: 'Suspicious login for maria@',
      severity: 'sev2',
      type: 'account-compromise',
      dedupe_key: 'gws-123',
      link: 'https://admin.google.com/alert/123',
      description: 'Login from an unusual country.',
      observables: [{ type: 'ipv4', value: '203.0.113[.]7' }, { type: 'email', value: 'maria@Example.ORG' }],
    });
    expect(r).toMatchObject({ joined: false, observablesAdded: 2 });
    expect(r.incident).toMatchObject({ ref: 'INC-1', status: 'triage', severity: 'sev2', type: 'account-compromise', private: true, reporterId: 'rampart', title: 'Suspicious login for maria@' });
    const { events } = await t.core.timeline(responder, r.incident.ref);
    expect(events.map((e) => [e.kind, e.actor, e.source])).toEqual([
      ['incident_declared', 'rampart', 'system'],
      ['alert_received', 'rampart', 'system'],
      ['observable_added', 'rampart', 'system'],
      ['observable_added', 'rampart', 'system'],
    ]);
    expect(events[1]!.payload).toMatchObject({ alertId: r.alertId, source: 'gws', joined: false, dedupeKey: 'gws-123', link: 'https://admin.google.com/alert/123' });
    expect(events[2]!.payload).toMatchObject({ type: 'ipv4', value: '203.0.113.7', origin: 'alert' });
    expect(events[3]!.payload).toMatchObject({ type: 'email', value: 'maria@example.org' });
    const [stored] = await alertsForIncident(t.database.db, r.incident.id);
    expect(stored).toMatchObject({ id: r.alertId, dedupeKey: 'gws-123', joined: false, receivedAt: t.clock.now() });
  });

  it('defaults to sev3, type other, and says where it came from when there is no description', async () => {
    const r = await t.core.alerts.receive(token, { title: 'Uptime check failed' });
    expect(r.incident).toMatchObject({ severity: 'sev3', type: 'other', description: 'Alert from gws.', private: true });
  });

  it('joins the open incident its dedupe key opened, adding only new observables', async () => {
    const first = await t.core.alerts.receive(token, { title: 'Login alert', dedupe_key: 'k1', observables: [{ type: 'ipv4', value: '203.0.113.7' }] });
    t.clock.advance(60_000);
    const second = await t.core.alerts.receive(token, { title: 'Login alert again', dedupe_key: 'k1', observables: [{ type: 'ipv4', value: '203.0.113.7' }, { type: 'domain', value: 'evil.example' }] });
    expect(second).toMatchObject({ joined: true, observablesAdded: 1 });
    expect(second.incident.id).toBe(first.incident.id);
    const kinds = (await t.core.timeline(responder, first.incident.ref)).events.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'alert_received')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'incident_declared')).toHaveLength(1);
    expect(await count('incidents')).toBe(1);
    // No key, or another key: a new incident each.
    expect((await t.core.alerts.receive(token, { title: 'Login alert', dedupe_key: 'k2' })).joined).toBe(false);
    expect((await t.core.alerts.receive(token, { title: 'Login alert' })).joined).toBe(false);
    expect(await count('incidents')).toBe(3);
  });

  it('scopes dedupe keys to their source', async () => {
    const other = (await t.core.alerts.createSource(cli, 'edr')).token;
    const a = await t.core.alerts.receive(token, { title: 'A', dedupe_key: 'same' });
    const b = await t.core.alerts.receive(other, { title: 'B', dedupe_key: 'same' });
    expect(b.joined).toBe(false);
    expect(b.incident.id).not.toBe(a.incident.id);
  });

  it('opens a new incident once the key’s incident is resolved, and later alerts join the new one', async () => {
    const first = await t.core.alerts.receive(token, { title: 'Disk full', dedupe_key: 'disk' });
    await t.core.changeStatus(cli, first.incident.ref, 'resolved');
    const second = await t.core.alerts.receive(token, { title: 'Disk full', dedupe_key: 'disk' });
    expect(second.joined).toBe(false);
    expect(second.incident.id).not.toBe(first.incident.id);
    const third = await t.core.alerts.receive(token, { title: 'Disk full', dedupe_key: 'disk' });
    expect(third).toMatchObject({ joined: true, incident: { id: second.incident.id } });
  });
});

describe('refusals: the field is named and nothing is written', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['no body object', 'hello', '', /JSON object/],
    ['no title', { severity: 'sev1' }, 'title', /title is required/],
    ['an empty title', { title: ' \u200b ' }, 'title', /title/],
    ['a long title', { title: 'x'.repeat(151) }, 'title', /151 characters/],
    ['a broadcast', { title: 'Look <!channel>' }, 'title', /group mention/],
    ['a bad severity', { title: 't', severity: 'critical' }, 'severity', /sev1, sev2, sev3, sev4/],
    ['an unknown type', { title: 't', type: 'aliens' }, 'type', /not a known incident type/],
    ['a long dedupe key', { title: 't', dedupe_key: 'k'.repeat(201) }, 'dedupe_key', /limit is 200/],
    ['a secret dedupe key', { title: 't', dedupe_key: GH }, 'dedupe_key', /GitHub|secret|token/i],
    ['a javascript link', { title: 't', link: 'javascript:alert(1)' }, 'link', /http or https/],
    ['a relative link', { title: 't', link: '/alerts/1' }, 'link', /not a URL/],
    ['a link with a password', { title: 't', link: 'https://u:p@example.org/' }, 'link', /user name or password/],
    ['an unknown field', { title: 't', sevrity: 'sev1' }, 'sevrity', /unknown field\(s\): sevrity/],
    ['a bad observable type', { title: 't', observables: [{ type: 'ip', value: '1.2.3.4' }] }, 'observables[0].type', /must be one of/],
    ['a bad observable value', { title: 't', observables: [{ type: 'ipv4', value: '999.1.1.1' }] }, 'observables[0].value', /not an IPv4 address/],
    ['a secret observable', { title: 't', observables: [{ type: 'account', value: GH }] }, 'observables[0].value', /secrets are not recorded/],
    ['too many observables', { title: 't', observables: Array.from({ length: 51 }, (_, i) => ({ type: 'domain', value: `d${i}.example` })) }, 'observables', /at most 50/],
    ['a NUL', { title: 't', description: 'a\u0000b' }, 'description', /cannot be stored/],
  ];
  for (const [what, body, field, message] of cases) {
    it(`refuses ${what}`, async () => {
      const before = await writes();
      const err = await t.core.alerts.receive(token, body).catch((e: unknown) => e);
      expect(isAppError(err)).toBe(true);
      expect((err as Error).message).toMatch(message);
      expect((err as { details: { field?: string } }).details.field).toBe(field);
      expect(await writes()).toEqual(before);
    });
  }

  it('refuses a token that is not a live source’s before reading the body', async () => {
    await expect(t.core.alerts.receive(`rma_${'x'.repeat(43)}`, { title: 'ok' })).rejects.toSatisfy((e) => isAppError(e, 'not_authenticated'));
    await expect(t.core.alerts.receive('nonsense', null)).rejects.toSatisfy((e) => isAppError(e, 'not_authenticated'));
    expect(await count('alerts')).toBe(0);
  });
});

describe('redaction', () => {
  it('redacts secrets (built-in and REDACT_PATTERNS) from every stored field: incident, event, alert row', async () => {
    const r = await t.core.alerts.receive(token, {
      title: `Token leaked ${GH}`,
      description: 'Employee EMP-123456 pasted password=hunter2hunter2',
      link: 'https://tool.example/cb?token=xoxb-123456789012-abcdefghijkl',
      dedupe_key: 'leak-EMP',
    });
    const everything = JSON.stringify(
      await t.database.db.execute(sql.raw(`select (select json_agg(i) from incidents i) as i, (select json_agg(e) from timeline_events e) as e, (select json_agg(a) from alerts a) as a`)),
    );
    for (const secret of [GH, 'EMP-123456', 'hunter2hunter2', 'xoxb-123456789012']) expect(everything).not.toContain(secret);
    expect(r.incident.title).toBe('Token leaked [redacted: github-token]');
    const { events } = await t.core.timeline(responder, r.incident.ref);
    expect(events[1]!.payload).toMatchObject({
      link: 'https://tool.example/cb?token=[redacted: slack-token]',
      description: 'Employee [redacted: employee-id] pasted password=[redacted: password]',
      redacted: expect.arrayContaining(['github-token', 'employee-id', 'password', 'slack-token']),
    });
  });
});
