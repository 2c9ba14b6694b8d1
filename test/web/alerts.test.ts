// POST /api/v1/alerts through the real HTTP server of a running bot: every request sent and every answer received is
// checked against docs/openapi.yaml, which is itself checked as an OpenAPI 3.1 document.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestBot, type TestBot } from '../support/slack.js';
import { alertsApiDocument } from '../support/openapi.js';

let api: Awaited<ReturnType<typeof alertsApiDocument>>;
beforeAll(async () => {
  api = await alertsApiDocument();
});

const cli = { id: 'cli', source: 'cli' } as const;

interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

/** Posts raw bytes, and checks the answer against the document. */
async function post(bot: TestBot, init: { token?: string; body: string; contentType?: string; headers?: Record<string, string>; method?: string }): Promise<Answer> {
  const res = await fetch(`${bot.rampart.url}/api/v1/alerts`, {
    method: init.method ?? 'POST',
    headers: {
      ...(init.contentType !== '' ? { 'content-type': init.contentType ?? 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    ...(init.method === 'GET' ? {} : { body: init.body }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  expect(api.responseErrors(res.status, res.headers, json)).toEqual([]);
  return { status: res.status, headers: res.headers, json };
}

/** Posts an alert as JSON; `conforms` says whether the test means it to match the document's request schema. */
async function postAlert(bot: TestBot, token: string | undefined, body: unknown, conforms = true, headers: Record<string, string> = {}): Promise<Answer> {
  expect(api.requestErrors(body).length === 0).toBe(conforms);
  return post(bot, { ...(token ? { token } : {}), body: JSON.stringify(body), headers });
}

async function count(bot: TestBot, table: string): Promise<number> {
  const r = await bot.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', () => {
    expect(api.structure).toEqual({ valid: true });
    expect(api.doc.openapi).toBe('3.1.0');
  });
});

describe('POST /api/v1/alerts', () => {
  const bot = useTestBot({ env: { ALERTS_RATE_LIMIT: '1000/1m' }, http: { bodyBytes: 4096 } });
  let token: string;
  beforeEach(async () => {
    token = (await bot.rampart.core.alerts.createSource(cli, 'gws')).token;
  });

  it('opens a private triage incident (201), then joins it with the same dedupe key (200)', async () => {
    const alert = {
      title: 'Suspicious login for maria@example.org',
      severity: 'sev2',
      type: 'account-compromise',
      dedupe_key: 'gws-5f1c',
      link: 'https://admin.google.com/ac/alerts/5f1c',
      observables: [{ type: 'ipv4', value: '203.0.113.7' }],
    };
    const opened = await postAlert(bot, token, alert);
    expect(opened).toMatchObject({ status: 201, json: { incident: 'INC-1', status: 'triage', joined: false, observables_added: 1 } });
    // The channel exists once the outbox has set it up; the joining alert is then posted in it.
    await bot.rampart.idle();
    const joined = await postAlert(bot, token, { ...alert, observables: [{ type: 'domain', value: 'evil.example' }] });
    expect(joined).toMatchObject({ status: 200, json: { incident: 'INC-1', joined: true, observables_added: 1 } });
    expect(joined.json.alert_id).not.toBe(opened.json.alert_id);
    const shown = await bot.rampart.core.show(cli, 'INC-1');
    expect(shown.incident).toMatchObject({ private: true, severity: 'sev2', type: 'account-compromise' });
    // The declaration is announced through the outbox like any other (a private one names nothing more).
    await bot.rampart.idle();
    expect(bot.emu.messages(bot.incidents.id).length).toBeGreaterThan(0);
    const channel = (await bot.rampart.core.show(cli, 'INC-1')).incident.channelId!;
    const posted = bot.emu.messages(channel).map((m) => m.text);
    expect(posted.filter((t) => t.includes('Alert from gws (joined): Suspicious login for maria@example.org'))).toHaveLength(1);
    expect(posted.join('\n')).toContain('hxxps://admin[.]google[.]com');
    // Rampart reported it: nobody is invited or told, so no Slack call fails on a reporter that is no person.
    expect(await count(bot, `timeline_events where kind = 'slack_call_failed'`)).toBe(0);
    expect(await count(bot, `timeline_events where kind = 'channel_created'`)).toBe(1);
  });

  it('answers 401 with WWW-Authenticate for a missing, malformed, unknown or revoked token, writing nothing', async () => {
    const other = (await bot.rampart.core.alerts.createSource(cli, 'edr')).token;
    await bot.rampart.core.alerts.revokeSource(cli, 'edr');
    for (const presented of [undefined, 'not-a-token', `rma_${'A'.repeat(43)}`, other]) {
      const r = await postAlert(bot, presented, { title: 'x' });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(r.json.error).toBe('unauthorized');
    }
    const basic = await post(bot, { body: '{"title":"x"}', headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
    expect(basic.status).toBe(401);
    expect(await count(bot, 'alerts')).toBe(0);
  });

  it('answers 415 for a body that is not declared JSON, and 405 for another method', async () => {
    expect((await post(bot, { token, body: 'title=x', contentType: 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await post(bot, { token, body: '{"title":"x"}', contentType: '' })).status).toBe(415);
    const get = await post(bot, { token, body: '', method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await count(bot, 'incidents')).toBe(0);
  });

  it('answers 400 for broken JSON and for each bad field, naming the field, and writes nothing', async () => {
    const broken = await post(bot, { token, body: '{"title": ' });
    expect(broken).toMatchObject({ status: 400, json: { error: 'invalid_json' } });
    const cases: [unknown, boolean, string][] = [
      [{ severity: 'sev1' }, false, 'title'],
      [{ title: 't', severity: 'urgent' }, false, 'severity'],
      [{ title: 't', link: 'ftp://files.example/x' }, true, 'link'],
      [{ title: 't', dedupe_key: '' }, false, 'dedupe_key'],
      [{ title: 't', observables: [{ type: 'ipv4', value: 'not-an-ip' }] }, true, 'observables[0].value'],
      [{ title: 't', extra: 1 }, false, 'extra'],
      [{ title: 't', type: 'aliens' }, true, 'type'],
      [[{ title: 't' }], false, ''],
    ];
    for (const [body, conforms, field] of cases) {
      const r = await postAlert(bot, token, body, conforms);
      expect(r, JSON.stringify(body)).toMatchObject({ status: 400, json: { error: 'invalid_field', field } });
    }
    expect(await count(bot, 'incidents')).toBe(0);
    expect(await count(bot, 'timeline_events')).toBe(0);
  });

  it('answers 413 for a body over the server limit, and gives its bytes back', async () => {
    const r = await postAlert(bot, token, { title: 't', description: 'x'.repeat(5000) }, false);
    expect(r).toMatchObject({ status: 413, json: { error: 'payload_too_large' } });
    expect(bot.rampart.heldBodyBytes()).toBe(0);
    expect(await count(bot, 'alerts')).toBe(0);
  });

  it('redacts secrets before storing and answering', async () => {
    const r = await postAlert(bot, token, { title: 'Key ghp_abcdefghijklmnopqrstuvwxyz0123456789 in a repo', link: 'https://ci.example/run?token=xoxb-123456789012-abcdefghijkl' });
    expect(r.status).toBe(201);
    const stored = JSON.stringify((await bot.database.db.execute(sql.raw(`select (select json_agg(a) from alerts a) as a, (select json_agg(i) from incidents i) as i`))));
    expect(stored).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    expect(stored).not.toContain('xoxb-123456789012');
    expect(stored).toContain('[redacted: github-token]');
  });
});

// Budgets are in memory and keyed by source id, which an emptied database hands out again: one bot per budget test.
describe('the per-source rate limit', () => {
  const bot = useTestBot({ env: { ALERTS_RATE_LIMIT: '3/1h', TRUST_PROXY: 'true' } });

  it('answers 429 with Retry-After once a source spent ALERTS_RATE_LIMIT; another source is unaffected', async () => {
    const a = (await bot.rampart.core.alerts.createSource(cli, 'a')).token;
    const b = (await bot.rampart.core.alerts.createSource(cli, 'b')).token;
    const from = { 'x-forwarded-for': '198.51.100.1' };
    for (let i = 0; i < 3; i++) expect((await postAlert(bot, a, { title: `a${i}` }, true, from)).status).toBe(201);
    const limited = await postAlert(bot, a, { title: 'a3' }, true, from);
    expect(limited).toMatchObject({ status: 429, json: { error: 'rate_limited' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3500);
    expect((await postAlert(bot, b, { title: 'b0' }, true, from)).status).toBe(201);
    expect(await count(bot, 'alerts')).toBe(4);
  });

});

describe('the per-address limit on failed authentications', () => {
  const bot = useTestBot({ env: { ALERTS_RATE_LIMIT: '3/1h', TRUST_PROXY: 'true' } });

  it('counts failed authentications per client address: after too many, even a good token waits', async () => {
    const good = (await bot.rampart.core.alerts.createSource(cli, 'good')).token;
    const from = { 'x-forwarded-for': '203.0.113.99' };
    for (let i = 0; i < 3; i++) expect((await postAlert(bot, `rma_${'B'.repeat(43)}`, { title: 'x' }, true, from)).status).toBe(401);
    expect((await postAlert(bot, good, { title: 'x' }, true, from)).status).toBe(429);
    // Another address is not held back.
    expect((await postAlert(bot, good, { title: 'x' }, true, { 'x-forwarded-for': '203.0.113.100' })).status).toBe(201);
  });
});
