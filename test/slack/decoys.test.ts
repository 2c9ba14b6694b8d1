// `/decoy` and pasted decoy credentials through the real Bolt app, driven over signed HTTP by the Slack emulator.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ephemeralsFor, startTestBot, type TestBot, useTestBot } from '../support/slack.js';
import { eventCallback } from '../../src/sandbox/emulator/payloads.js';
import type { EmuUser } from '../../src/sandbox/emulator/types.js';
import { PASTED_KEY_WARNING } from '../../src/slack/blocks/decoy.js';

let admin: EmuUser;
const bot = useTestBot({
  env: (emu) => {
    admin = emu.user('secadmin');
    return { ADMINS: admin.id, PUBLIC_URL: 'https://rampart.example.org/' };
  },
});

async function decoy(text: string, as: EmuUser = admin, on: TestBot = bot): Promise<string> {
  const reply = await on.emu.slashCommand({ user: as.id, channel: on.general.id, command: '/decoy', text });
  await on.rampart.idle();
  expect(reply.status).toBe(200);
  const json = reply.json as { text?: string; blocks?: { text?: { text: string }; elements?: { text: string }[] }[] } | undefined;
  if (!json) return reply.body;
  // The text is the notification; the blocks hold the answer.
  return [json.text ?? '', ...(json.blocks ?? []).map((b) => b.text?.text ?? b.elements?.[0]?.text ?? '')].join('\n');
}

async function count(table: string): Promise<number> {
  const r = await bot.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

/** Slack delivering a channel message event (retryNum > 0 is a redelivery of the same event id). */
function deliverMessage(text: string, user: EmuUser, eventId: string, retryNum = 0) {
  const posted = bot.emu.postAsUser(user.id, bot.general.id, text);
  const event = { type: 'message', channel: bot.general.id, channel_type: 'channel', user: user.id, text, ts: posted.ts, event_ts: posted.ts };
  return bot.emu.sendRaw({
    body: JSON.stringify(eventCallback(event, eventId, Math.floor(Date.now() / 1000))),
    contentType: 'application/json',
    ...(retryNum > 0 ? { headers: { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' } } : {}),
  });
}

/** Messages anyone but `user` could see that contain `secret`. */
const visibleToOthers = (secret: string, user: EmuUser) =>
  bot.emu.allMessages().filter((m) => (m.text.includes(secret) || JSON.stringify(m.blocks ?? []).includes(secret)) && !(m.ephemeral && m.visible_to === user.id));

describe('/decoy for admins', () => {
  it('registers a url decoy and shows its link only to the admin', async () => {
    const text = await decoy('register payroll-share url linked from the finance wiki');
    const url = /https:\/\/rampart\.example\.org\/d\/([A-Za-z0-9_-]{32})/.exec(text);
    expect(url, text).not.toBeNull();
    expect(visibleToOthers(url![1]!, admin)).toEqual([]);
    expect(await decoy('list')).toMatch(/`payroll-share` \(url\) · linked from the finance wiki · 0 hits/);
    expect(await decoy('retire payroll-share')).toMatch(/`payroll-share` is retired/);
    expect(await decoy('list')).toMatch(/No live decoys/);
  });

  it('lists 1,000 decoys within Slack\'s limits, saying how many more there are', async () => {
    await bot.database.db.execute(sql`
      insert into decoys (name, kind, token, note, created_by, created_at)
      select 'bait-' || g, 'url', 'tok-' || g, 'planted in the <finance> & payroll share, row ' || g, ${admin.id}, now() from generate_series(1, 1000) g`);
    const reply = await bot.emu.slashCommand({ user: admin.id, channel: bot.general.id, command: '/decoy', text: 'list' });
    expect(reply.status).toBe(200);
    const body = reply.json as { text: string; blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[] };
    // 1,000 decoys once made a 2.7 MB reply; Slack truncates a text at 40,000 characters and allows 50 blocks.
    expect(reply.body.length).toBeLessThan(150_000);
    expect(body.text.length).toBeLessThanOrEqual(3000);
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    for (const b of body.blocks) expect((b.text?.text ?? b.elements?.[0]?.text ?? '').length).toBeLessThanOrEqual(3000);
    expect(body.text).toContain('Live decoys (1000)');
    expect(body.blocks.at(-1)!.elements![0]!.text).toMatch(/…and \d+ more not shown/);
    expect(reply.body).toContain('&lt;finance&gt; &amp; payroll');
  });

  it('sends a document decoy to the admin by direct message, loading the decoy link', async () => {
    const text = await decoy('register pw-file document');
    const url = /https:\/\/rampart\.example\.org\/d\/[A-Za-z0-9_-]{32}/.exec(text)![0];
    const file = bot.emu.files().find((f) => f.name === 'Passwords.html');
    expect(file?.bytes?.toString('utf8')).toContain(`<img src="${url}"`);
    const dm = bot.emu.channelById(file!.channels[0]!);
    expect(dm?.members).toEqual(expect.arrayContaining([admin.id]));
    expect(dm?.members).not.toContain(bot.staff.id);
  });

  it('refuses a non-admin, and a duplicate name, without storing anything', async () => {
    expect(await decoy('register sneaky', bot.staff)).toMatch(/Only admins can manage decoys/);
    expect(await decoy('list', bot.staff)).toMatch(/Only admins can manage decoys/);
    expect(await count('decoys')).toBe(0);
    await decoy('register vpn credential');
    expect(await decoy('register vpn')).toMatch(/already called "vpn"/);
    expect(await count('decoys')).toBe(1);
  });

  it('refuses url and document decoys when PUBLIC_URL is unset, but still plants credentials', async () => {
    // Another configuration (no PUBLIC_URL): a bot of its own, on its own database.
    const bare = await startTestBot({ env: (emu) => ({ ADMINS: emu.user('secadmin').id }) });
    try {
      const as = bare.emu.user('secadmin');
      expect(await decoy('register link url', as, bare)).toMatch(/needs PUBLIC_URL/);
      expect(await decoy('register key credential', as, bare)).toMatch(/Plant this fake credential: `rk_live_[A-Za-z0-9_-]{32}`/);
      expect(await decoy('list', as, bare)).not.toMatch(/`link`/);
      // A non-admin hears the same refusal whatever the settings and the text: nothing is checked before the rule.
      for (const text of ['register link url', 'register link document', 'register key credential', 'register', 'retire', 'list extra', 'frobnicate']) {
        expect(await decoy(text, bare.staff, bare), text).toBe(await decoy('list', bare.staff, bare));
      }
      expect(await decoy('list', bare.staff, bare)).toMatch(/Only admins can manage decoys/);
    } finally {
      await bare.close();
    }
  });
});

describe('a decoy credential pasted in a channel', () => {
  it('records one hit, redacts it, warns only the poster, and ignores a Slack retry of the same event', async () => {
    const credential = /`(rk_live_[A-Za-z0-9_-]{32})`/.exec(await decoy('register ci-key credential in the CI vault'))![1]!;
    const reply = await deliverMessage(`does this still work? ${credential}`, bot.staff, 'EvPaste1');
    expect(reply.status).toBe(200);
    await bot.rampart.idle();
    expect(await count('decoy_hits')).toBe(1);
    expect(ephemeralsFor(bot, bot.staff)).toEqual([PASTED_KEY_WARNING]);

    const retry = await deliverMessage(`does this still work? ${credential}`, bot.staff, 'EvPaste1', 1);
    expect(retry.status).toBe(200);
    await bot.rampart.idle();
    expect(await count('decoy_hits')).toBe(1);
    expect(await count('incidents')).toBe(1);
    expect(ephemeralsFor(bot, bot.staff)).toHaveLength(1);

    const r = await bot.database.db.execute(sql.raw(`select payload from timeline_events where kind = 'decoy_tripped'`));
    const payloads = (r as unknown as { rows: { payload: Record<string, unknown> }[] }).rows.map((x) => x.payload);
    expect(payloads).toEqual([expect.objectContaining({ via: 'slack', source: bot.staff.id, text: 'does this still work? [redacted: decoy-credential]' })]);
    // The poster is warned in neutral words; only the stored copy says what it was.
    expect(PASTED_KEY_WARNING).not.toMatch(/decoy|honey|bait/i);
  });

  it('records nothing for ordinary messages or for a retired credential', async () => {
    const credential = /`(rk_live_[A-Za-z0-9_-]{32})`/.exec(await decoy('register old-key credential'))![1]!;
    await decoy('retire old-key');
    await deliverMessage(`an old key ${credential}`, bot.staff, 'EvOld1');
    await deliverMessage('a perfectly ordinary message that is long enough to be checked', bot.staff, 'EvPlain1');
    await bot.rampart.idle();
    expect(await count('decoy_hits')).toBe(0);
    expect(ephemeralsFor(bot, bot.staff)).toEqual([]);
  });
});
