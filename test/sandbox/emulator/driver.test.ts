// The emulator as Slack towards a bot: signed slash commands, button clicks, shortcuts, raw requests, and
// what it does with the bot's HTTP answers and response_url posts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import { verifySlackSignature } from '../../support/signing.js';
import type { FakeBot, TestClock } from './helpers.js';
import { CORPORA, HAS_CORPORA, SECRET, actions, client, payloadOf, section, startEmulator, startFakeBot } from './helpers.js';

let emu: SlackEmulator;
let clock: TestClock;
let bot: FakeBot;
beforeEach(async () => {
  bot = await startFakeBot();
  ({ emu, clock } = await startEmulator(bot.url));
});
afterEach(async () => {
  await emu.close();
  await bot.close();
});

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(CORPORA, 'slack/payload-fixtures', name), 'utf8')) as unknown;
}

const signedOk = (i = 0) => {
  const r = bot.received[i];
  return r !== undefined && verifySlackSignature(SECRET, r.headers, r.body, Math.floor(clock.now() / 1000));
};

describe('slash commands', () => {
  it('sends a signed form body shaped like Slack’s', async () => {
    const ch = emu.channel('general');
    const alice = emu.user('alice');
    await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: 'declare db down' });
    const req = bot.received[0];
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req?.headers['x-slack-request-timestamp']).toBe('1700000000');
    expect(signedOk()).toBe(true);
    const form = Object.fromEntries(new URLSearchParams(req?.body));
    expect(form).toMatchObject({ team_id: 'T0RAMPART', team_domain: 'rampart-sandbox', channel_id: ch.id, channel_name: 'general', user_id: alice.id, user_name: 'alice', command: '/incident', text: 'declare db down', api_app_id: 'A0RAMPART', is_enterprise_install: 'false' });
    expect(form.response_url).toMatch(new RegExp(`^${emu.baseUrl}/_response/\\w+$`));
    expect(form.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
  });

  it.skipIf(!HAS_CORPORA)('carries every field of the real slash-command fixture but enterprise ones (skipped: corpora absent)', async () => {
    emu.channel('general');
    await emu.slashCommand({ user: 'alice', channel: 'general', command: '/x', text: '' });
    const realKeys = [...new URLSearchParams(fixture('test_slash_command__slash_command_body.json') as string).keys()].filter((k) => !k.startsWith('enterprise'));
    expect([...new URLSearchParams(bot.received[0]?.body).keys()]).toEqual(expect.arrayContaining(realKeys));
  });

  it('shows a JSON ack body as an ephemeral message, or in channel with response_type', async () => {
    const ch = emu.channel('general');
    const alice = emu.user('alice');
    bot.answer = () => ({ body: { text: 'Only you can see this' } });
    await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' });
    bot.answer = () => ({ body: { response_type: 'in_channel', blocks: [section('Everyone sees this')] } });
    await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' });
    bot.answer = () => ({ body: 'plain text ack' });
    await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' });
    bot.answer = () => ({});
    await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' });
    const msgs = emu.messages(ch.id);
    expect(msgs.map((m) => [m.text, m.ephemeral, m.visible_to, m.via])).toEqual([
      ['Only you can see this', true, alice.id, 'ack'],
      ['', false, undefined, 'ack'],
      ['plain text ack', true, alice.id, 'ack'],
    ]);
  });

  it('returns the bot’s status and body', async () => {
    emu.channel('general');
    bot.answer = () => ({ status: 401, body: 'bad signature' });
    const reply = await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' });
    expect(reply).toMatchObject({ status: 401, body: 'bad signature' });
  });
});

describe('response_url', () => {
  it('takes 5 posts, ephemeral unless in_channel, then answers 404 used_url', async () => {
    const ch = emu.channel('general');
    await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' });
    const url = new URLSearchParams(bot.received[0]?.body).get('response_url') as string;
    const post = (body: Record<string, unknown>) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ text: 'one' })).status).toBe(200);
    expect((await post({ text: 'two', response_type: 'in_channel' })).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await post({ text: `n${i}` })).status).toBe(200);
    const sixth = await post({ text: 'six' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toMatchObject({ error: 'used_url' });
    const msgs = emu.messages(ch.id);
    expect(msgs).toHaveLength(5);
    expect(msgs.slice(0, 2).map((m) => [m.text, m.ephemeral, m.via])).toEqual([['one', true, 'response_url'], ['two', false, 'response_url']]);
  });

  it('expires after 30 minutes and rejects invalid blocks with 400', async () => {
    emu.channel('general');
    await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' });
    const url = new URLSearchParams(bot.received[0]?.body).get('response_url') as string;
    const bad = await fetch(url, { method: 'POST', body: JSON.stringify({ blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_blocks' });
    clock.advance(30 * 60_000 + 1);
    const late = await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'late' }) });
    expect(late.status).toBe(404);
  });
});

describe('clickButton on messages', () => {
  async function postWithButtons() {
    const ch = emu.channel('inc');
    const alice = emu.user('alice');
    ch.members.push(alice.id);
    const blocks = [section('Incident declared'), actions('incident_actions', [{ text: 'Acknowledge', action_id: 'ack_incident', value: 'inc-1' }, { text: 'Resolve', action_id: 'resolve_incident', value: 'inc-1' }])];
    const posted = await client(emu).chat.postMessage({ channel: ch.id, text: 'Incident declared', blocks });
    return { ch, alice, ts: posted.ts as string };
  }

  it('sends block_actions shaped like Slack’s, by label or action_id', async () => {
    const { ch, alice, ts } = await postWithButtons();
    await emu.clickButton({ user: 'alice', label: 'acknowledge' });
    await emu.clickButton({ user: 'alice', label: 'resolve_incident', channel: 'inc', messageTs: ts });
    expect(signedOk(0)).toBe(true);
    const p = payloadOf(bot.received[0] as never);
    expect(p).toMatchObject({
      type: 'block_actions',
      user: { id: alice.id, username: 'alice', team_id: 'T0RAMPART' },
      team: { id: 'T0RAMPART', domain: 'rampart-sandbox' },
      api_app_id: 'A0RAMPART',
      container: { type: 'message', message_ts: ts, channel_id: ch.id, is_ephemeral: false },
      channel: { id: ch.id, name: 'inc' },
      message: { ts, text: 'Incident declared', bot_id: 'B0BOT' },
      response_url: expect.stringContaining('/_response/'),
      trigger_id: expect.any(String),
      actions: [{ type: 'button', action_id: 'ack_incident', block_id: 'incident_actions', value: 'inc-1', text: { type: 'plain_text', text: 'Acknowledge' }, action_ts: expect.stringMatching(/^\d+\.\d+$/) }],
    });
    expect((payloadOf(bot.received[1] as never).actions as { action_id: string }[])[0]?.action_id).toBe('resolve_incident');
  });

  it.skipIf(!HAS_CORPORA)('has every top-level key of the real block_actions fixture (skipped: corpora absent)', async () => {
    await postWithButtons();
    await emu.clickButton({ user: 'alice', label: 'Acknowledge' });
    const real = fixture('test_block_actions__body.json') as Record<string, unknown>;
    expect(Object.keys(payloadOf(bot.received[0] as never))).toEqual(expect.arrayContaining(Object.keys(real)));
  });

  it('replace_original and delete_original act on the clicked message', async () => {
    const { ch, ts } = await postWithButtons();
    await emu.clickButton({ user: 'alice', label: 'Acknowledge' });
    const url = payloadOf(bot.received[0] as never).response_url as string;
    await fetch(url, { method: 'POST', body: JSON.stringify({ replace_original: true, text: 'Acknowledged by alice' }) });
    expect(emu.messages(ch.id).find((m) => m.ts === ts)).toMatchObject({ text: 'Acknowledged by alice', blocks: undefined });
    await fetch(url, { method: 'POST', body: JSON.stringify({ delete_original: true }) });
    expect(emu.messages(ch.id).find((m) => m.ts === ts)).toBeUndefined();
  });

  it('throws a clear error when no visible button matches', async () => {
    await postWithButtons();
    await expect(emu.clickButton({ user: 'alice', label: 'Escalate' })).rejects.toThrow(/No button "Escalate" visible to alice/);
  });

  it('only clicks ephemeral buttons the user can see', async () => {
    const ch = emu.channel('inc');
    const [alice, bob] = [emu.user('alice'), emu.user('bob')];
    ch.members.push(alice.id, bob.id);
    await client(emu).chat.postEphemeral({ channel: ch.id, user: alice.id, text: 'x', blocks: [actions('b', [{ text: 'Mine', action_id: 'mine' }])] });
    await expect(emu.clickButton({ user: 'bob', label: 'Mine' })).rejects.toThrow(/No button/);
    await emu.clickButton({ user: 'alice', label: 'Mine' });
    expect(payloadOf(bot.received[0] as never)).toMatchObject({ container: { is_ephemeral: true } });
  });
});

describe('message shortcuts and raw requests', () => {
  it.skipIf(!HAS_CORPORA)('sends message_action with the fixture’s keys (skipped: corpora absent)', async () => {
    const ch = emu.channel('general');
    const m = emu.postAsUser(emu.user('alice').id, ch.id, 'suspicious login from 10.0.0.1');
    await emu.messageShortcut({ user: 'bob', channel: ch.id, ts: m.ts, callbackId: 'open_incident_from_message' });
    const p = payloadOf(bot.received[0] as never);
    expect(p).toMatchObject({ type: 'message_action', callback_id: 'open_incident_from_message', message_ts: m.ts, channel: { id: ch.id, name: 'general' }, message: { text: 'suspicious login from 10.0.0.1', ts: m.ts } });
    const real = fixture('test_shortcut__message_shortcut_body.json') as Record<string, unknown>;
    expect(Object.keys(p)).toEqual(expect.arrayContaining(Object.keys(real)));
    expect(signedOk()).toBe(true);
  });

  it('sendRaw uses the given timestamp, signature and headers', async () => {
    await emu.sendRaw({ body: '{"type":"x"}', contentType: 'application/json', timestampSeconds: 1_600_000_000, signature: 'v0=forged', headers: { 'x-extra': '1' } });
    const r = bot.received[0];
    expect(r?.headers).toMatchObject({ 'x-slack-request-timestamp': '1600000000', 'x-slack-signature': 'v0=forged', 'x-extra': '1', 'content-type': 'application/json' });
    await emu.sendRaw({ body: 'a=1', contentType: 'application/x-www-form-urlencoded' });
    expect(signedOk(1)).toBe(true);
  });

  it('refuses to drive the bot before it has a URL', async () => {
    emu.setBotUrl('');
    await expect(emu.sendRaw({ body: '', contentType: 'application/json' })).rejects.toThrow(/setBotUrl/);
  });
});
