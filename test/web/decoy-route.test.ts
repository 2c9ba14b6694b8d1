// Decoy links on the running bot's HTTP server: one answer for every token, hits recorded with what is safe to keep,
// and a rate limit per source address. Real HTTP against startRampart, with the Slack emulator behind it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestBot, type TestBot } from '../support/slack.js';
import { sourceOf } from '../../src/web/decoy-route.js';
import { DECOY_PAGE } from '../../src/web/decoy-page.js';

let bot: TestBot;
let counter = 0;
let admin: { id: string; source: 'slack-command' };
beforeAll(async () => {
  // TRUST_PROXY lets each test speak for its own source addresses through X-Forwarded-For.
  bot = await startTestBot({
    env: (emu) => {
      admin = { id: emu.user('secadmin').id, source: 'slack-command' };
      return { PUBLIC_URL: 'https://rampart.example.org', DECOY_RATE_LIMIT: '3/1h', TRUST_PROXY: 'true', ADMINS: admin.id };
    },
  });
});
afterAll(async () => {
  await bot.close();
});
beforeEach(() => {
  counter += 1;
});

/** A source address no other test uses, so the rate limit of one test never touches another. */
const freshSource = (n = 0) => `198.51.100.${counter * 10 + n}`;

async function fetchDecoy(token: string, source: string, init: RequestInit = {}) {
  const res = await fetch(`${bot.rampart.url}/d/${token}`, { ...init, headers: { 'x-forwarded-for': `10.9.9.9, ${source}`, ...init.headers } });
  const headers = Object.fromEntries(['content-type', 'content-length', 'cache-control', 'x-content-type-options', 'set-cookie', 'server'].map((h) => [h, res.headers.get(h)]));
  return { status: res.status, headers, body: await res.text() };
}

async function hits(): Promise<{ source: string; detail: Record<string, unknown> }[]> {
  const r = await bot.database.db.execute(sql.raw('select source, detail from decoy_hits order by id'));
  return (r as unknown as { rows: { source: string; detail: Record<string, unknown> }[] }).rows;
}

describe('the decoy link', () => {
  it('answers a live, a retired and an unknown token with the same status, headers and body', async () => {
    const live = (await bot.rampart.core.decoys.register(admin, { name: `live-${counter}` })).decoy.token;
    const retired = (await bot.rampart.core.decoys.register(admin, { name: `old-${counter}` })).decoy.token;
    await bot.rampart.core.decoys.retire(admin, `old-${counter}`);
    const answers = [];
    for (const token of [live, retired, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) answers.push(await fetchDecoy(token, freshSource(answers.length)));
    expect(answers[0]).toEqual({ status: 200, headers: expect.objectContaining({ 'content-type': 'text/html; charset=utf-8', 'set-cookie': null }), body: DECOY_PAGE.toString() });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    // A POST and a path with no token look the same too.
    expect(await fetchDecoy(live, freshSource(5), { method: 'POST', body: 'user=a&password=b' })).toEqual(answers[0]);
    await bot.rampart.idle();
  });

  it('records a live hit with the source, user agent and ordinary headers only, without cookies or credentials', async () => {
    const before = (await hits()).length;
    const { decoy } = await bot.rampart.core.decoys.register(admin, { name: `rec-${counter}` });
    const source = freshSource();
    // Token headers of many services: no list of names to drop could be complete, so only ordinary ones are kept.
    const credentials = { 'x-slack-token': 's3cr3t-1', 'x-goog-api-key': 's3cr3t-2', 'x-amz-security-token': 's3cr3t-3', 'private-token': 's3cr3t-4', 'x-vault-token': 's3cr3t-5', 'api-key': 's3cr3t-6' };
    await fetchDecoy(decoy.token, source, {
      headers: { 'user-agent': 'Mozilla/5.0 (X11)', cookie: 'sid=s3cr3t', authorization: 'Bearer t0k3n', 'accept-language': 'en-GB', 'x-extra': 'dropped', ...credentials },
    });
    // Recorded after the answer went out.
    await bot.rampart.idle();
    const recorded = (await hits()).slice(before);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.source).toBe(source);
    expect(recorded[0]!.detail).toMatchObject({ method: 'GET', userAgent: 'Mozilla/5.0 (X11)', headers: expect.objectContaining({ 'accept-language': 'en-GB' }) });
    const headers = recorded[0]!.detail.headers as Record<string, string>;
    for (const name of ['cookie', 'authorization', 'x-extra', ...Object.keys(credentials)]) expect(headers).not.toHaveProperty(name);
    expect(JSON.stringify(recorded)).not.toMatch(/s3cr3t|t0k3n/);
    await bot.rampart.idle();
  });

  it('opens the incident in Slack with the decoy playbook suggested', async () => {
    const { decoy } = await bot.rampart.core.decoys.register(admin, { name: `slack-${counter}` });
    await fetchDecoy(decoy.token, freshSource());
    await bot.rampart.idle();
    const intro = bot.emu.allMessages().find((m) => m.text.includes(`Decoy slack-${counter} tripped`) && JSON.stringify(m.blocks ?? []).includes('Decoy or honeytoken tripped'));
    expect(intro, JSON.stringify(bot.emu.allMessages().map((m) => m.text))).toBeDefined();
    // Private: the channel is named by number only, and the admin who planted the decoy is in it.
    expect(bot.emu.channelById(intro!.channel)).toMatchObject({ is_private: true, members: expect.arrayContaining([admin.id]) });
    // Announced where responders see every incident, without naming the decoy (whoever tripped it may read Slack).
    const ref = /INC-\d+/.exec(intro!.text)![0];
    const announced = () => bot.emu.messages(bot.incidents.id).filter((m) => m.text.includes(`*${ref}* declared`));
    expect(announced(), JSON.stringify(bot.emu.messages(bot.incidents.id).map((m) => m.text))).toHaveLength(1);
    expect(JSON.stringify(announced())).not.toContain(`slack-${counter}`);
    // A second hit joins the same incident and is posted in its channel.
    await fetchDecoy(decoy.token, freshSource(1), { headers: { 'user-agent': 'second-visitor' } });
    await bot.rampart.idle();
    expect(bot.emu.messages(intro!.channel).map((m) => m.text)).toContainEqual(expect.stringMatching(/^:rotating_light: Another hit: Decoy slack-\d+ fetched from .* \(second-visitor\)$/));
    expect(announced()).toHaveLength(1);
  });

  it('records at most DECOY_RATE_LIMIT hits per source and decoy, while other sources and decoys are still recorded', async () => {
    const before = (await hits()).length;
    const { decoy } = await bot.rampart.core.decoys.register(admin, { name: `flood-${counter}` });
    const { decoy: second } = await bot.rampart.core.decoys.register(admin, { name: `flood-b-${counter}` });
    const [flooder, other] = [freshSource(1), freshSource(2)];
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await fetchDecoy(decoy.token, flooder));
    answers.push(await fetchDecoy(decoy.token, other));
    // The flooder's budget on one decoy is not another decoy's.
    answers.push(await fetchDecoy(second.token, flooder));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    await bot.rampart.idle();
    const recorded = (await hits()).slice(before).map((h) => h.source);
    expect(recorded).toEqual([flooder, flooder, flooder, other, flooder]);
  });

  it('records a live token’s first hit from a source however many junk tokens that source sent first', async () => {
    const before = (await hits()).length;
    const { decoy } = await bot.rampart.core.decoys.register(admin, { name: `blind-${counter}` });
    const source = freshSource();
    // Ten times DECOY_RATE_LIMIT of junk: none of it names a live decoy, so none of it spends any budget.
    for (let n = 0; n < 30; n++) await fetchDecoy(`not-a-real-token-${n}`, source);
    await fetchDecoy(decoy.token, source);
    await bot.rampart.idle();
    expect((await hits()).slice(before).map((h) => h.source)).toEqual([source]);
  });

  it('leaves other paths alone: /healthz still answers and /dx is not a decoy path', async () => {
    expect((await fetch(`${bot.rampart.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${bot.rampart.url}/dx/anything`)).status).toBe(404);
  });
});

describe('sourceOf', () => {
  const req = (xff?: string) => ({ headers: xff ? { 'x-forwarded-for': xff } : {}, socket: { remoteAddress: '::ffff:192.0.2.1' } }) as never;

  it('uses the socket address unless TRUST_PROXY is set, and then the entry our proxy added', () => {
    expect(sourceOf(req('203.0.113.5'), false)).toBe('192.0.2.1');
    expect(sourceOf(req('1.2.3.4, 203.0.113.5'), true)).toBe('203.0.113.5');
    expect(sourceOf(req(), true)).toBe('192.0.2.1');
  });
});
