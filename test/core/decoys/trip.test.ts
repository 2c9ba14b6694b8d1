// Hits on decoys: the first declares a sev2 decoy-tripped incident, later ones within DECOY_DEDUP_WINDOW go to the
// same open incident, and only what is safe to keep is recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ADMIN, RESPONDER, slackUser, testCore } from '../../support/core.js';
import { backend } from '../../support/db.js';
import { hitsForIncident } from '../../../src/core/decoys/queries.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore({ reviewRequired: [] });
});
afterEach(async () => {
  await t.close();
});

const admin = slackUser(ADMIN);
const HOUR = 3_600_000;
const request = (token: string, source = '203.0.113.7', headers: Record<string, string> = {}) => ({
  token,
  method: 'GET',
  source,
  headers: { 'user-agent': 'curl/8.5', accept: '*/*', ...headers },
});

async function incidentCount(): Promise<number> {
  const r = await t.database.db.execute(sql.raw(`select count(*)::int as n from incidents`));
  return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

describe('tripping a decoy URL', () => {
  it('declares a private sev2 decoy-tripped incident on the first hit, suggesting the decoy playbook', async () => {
    const { decoy } = await t.core.decoys.register(admin, { name: 'payroll', note: 'finance wiki' });
    const [hit] = await t.core.decoys.tripFromRequest(request(decoy.token));
    expect(hit).toMatchObject({ declared: true, decoy: { name: 'payroll' }, suggested: ['decoy-tripped'] });
    expect(hit!.incident).toMatchObject({ title: 'Decoy payroll tripped', type: 'decoy-tripped', severity: 'sev2', private: true, reporterId: ADMIN });
    const events = (await t.core.timeline(slackUser(RESPONDER), hit!.incident.ref)).events;
    expect(events.map((e) => [e.kind, e.actor, e.source])).toEqual([
      ['incident_declared', 'rampart', 'system'],
      ['decoy_tripped', 'rampart', 'system'],
    ]);
    expect(events[1]!.payload).toMatchObject({ decoy: 'payroll', decoyKind: 'url', via: 'url', source: '203.0.113.7', method: 'GET', userAgent: 'curl/8.5' });
    expect(await hitsForIncident(t.database.db, hit!.incident.id)).toEqual([
      expect.objectContaining({ decoyId: decoy.id, via: 'url', source: '203.0.113.7', at: t.clock.now() }),
    ]);
  });

  it('records headers without cookies or credentials, and truncates long values', async () => {
    const { decoy } = await t.core.decoys.register(admin, { name: 'wiki' });
    const [hit] = await t.core.decoys.tripFromRequest(
      request(decoy.token, '198.51.100.2', {
        cookie: 'session=abc',
        authorization: 'Bearer secret',
        'proxy-authorization': 'Basic eHg6eXk=',
        'x-api-key': 'k',
        referer: 'r'.repeat(1000),
      }),
    );
    const headers = hit!.event.payload.headers as Record<string, string>;
    expect(Object.keys(headers).sort()).toEqual(['accept', 'referer', 'user-agent']);
    expect(headers.referer!.length).toBeLessThanOrEqual(301);
    expect(JSON.stringify(await hitsForIncident(t.database.db, hit!.incident.id))).not.toMatch(/abc|Bearer|eHg6eXk/);
  });

  it('appends further hits within the window to the same incident', async () => {
    const { decoy } = await t.core.decoys.register(admin, { name: 'payroll' });
    const [first] = await t.core.decoys.tripFromRequest(request(decoy.token));
    t.clock.advance(23 * HOUR);
    const [second] = await t.core.decoys.tripFromRequest(request(decoy.token, '192.0.2.9'));
    expect(second).toMatchObject({ declared: false, incident: { id: first!.incident.id } });
    expect(await incidentCount()).toBe(1);
    expect((await hitsForIncident(t.database.db, first!.incident.id)).map((h) => h.source)).toEqual(['203.0.113.7', '192.0.2.9']);
  });

  it('opens a new incident after the window has passed since the last hit', async () => {
    const { decoy } = await t.core.decoys.register(admin, { name: 'payroll' });
    const [first] = await t.core.decoys.tripFromRequest(request(decoy.token));
    t.clock.advance(24 * HOUR + 1);
    const [second] = await t.core.decoys.tripFromRequest(request(decoy.token));
    expect(second!.declared).toBe(true);
    expect(second!.incident.id).not.toBe(first!.incident.id);
  });

  it('opens a new incident when the earlier one is no longer open', async () => {
    const { decoy } = await t.core.decoys.register(admin, { name: 'payroll' });
    const [first] = await t.core.decoys.tripFromRequest(request(decoy.token));
    await t.core.changeStatus(slackUser(RESPONDER), first!.incident.ref, 'resolved');
    const [second] = await t.core.decoys.tripFromRequest(request(decoy.token));
    expect(second).toMatchObject({ declared: true });
    expect(second!.incident.id).not.toBe(first!.incident.id);
  });

  it('records nothing for unknown or retired tokens', async () => {
    const { decoy } = await t.core.decoys.register(admin, { name: 'payroll' });
    await t.core.decoys.retire(admin, 'payroll');
    expect(await t.core.decoys.tripFromRequest(request(decoy.token))).toEqual([]);
    expect(await t.core.decoys.tripFromRequest(request('not-a-token'))).toEqual([]);
    expect(await incidentCount()).toBe(0);
  });

  it('trips a credential decoy presented in an Authorization header, even on an unknown path', async () => {
    const { credential } = await t.core.decoys.register(admin, { name: 'ci-key', kind: 'credential' });
    const basic = Buffer.from(`deploy:${credential}`).toString('base64');
    const hits = await t.core.decoys.tripFromRequest(request('anything', '203.0.113.8', { authorization: `Basic ${basic}` }));
    expect(hits.map((h) => [h.decoy.name, h.event.payload.via])).toEqual([['ci-key', 'url']]);
    expect(JSON.stringify(hits[0]!.event.payload)).not.toContain(credential!.slice(8));
  });
});

describe('a decoy credential pasted in Slack', () => {
  it('records a hit with the message redacted, once per Slack event', async () => {
    const { credential } = await t.core.decoys.register(admin, { name: 'aws-backup', kind: 'credential' });
    const token = credential!.slice('rk_live_'.length);
    const msg = { text: `try ${credential} or ${token}`, user: 'U0PASTER1', channel: 'C0GENERAL', ts: '1764000000.000100', eventId: 'Ev1' };
    const [hit] = await t.core.decoys.tripFromMessage(msg);
    expect(hit!.event.payload).toMatchObject({ via: 'slack', source: 'U0PASTER1', channel: 'C0GENERAL', text: 'try [redacted: decoy-credential] or [redacted: decoy-credential]' });
    expect(await t.core.decoys.tripFromMessage(msg)).toEqual([]);
    expect(await hitsForIncident(t.database.db, hit!.incident.id)).toHaveLength(1);
  });

  it('ignores strings shaped like a decoy credential that no live decoy has', async () => {
    expect(await t.core.decoys.tripFromMessage({ text: `rk_live_${'A'.repeat(32)}`, user: 'U1', channel: 'C1', ts: '1.1' })).toEqual([]);
    expect(await incidentCount()).toBe(0);
  });
});

describe.skipIf(backend !== 'postgres')('concurrent hits (Postgres)', () => {
  it('open exactly one incident', async () => {
    const { decoy } = await t.core.decoys.register(admin, { name: 'payroll' });
    const hits = (await Promise.all(Array.from({ length: 8 }, (_, i) => t.core.decoys.tripFromRequest(request(decoy.token, `192.0.2.${i}`))))).flat();
    expect(hits.filter((h) => h.declared)).toHaveLength(1);
    expect(new Set(hits.map((h) => h.incident.id)).size).toBe(1);
    expect(await incidentCount()).toBe(1);
  });
});
