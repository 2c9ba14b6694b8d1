// chat.* methods through the real WebClient: behaviour and Slack's error codes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { webApi } from '@slack/bolt';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import type { EmuActivity } from '../../../src/sandbox/emulator/types.js';
import { TOKEN, client, section, startEmulator } from './helpers.js';

let emu: SlackEmulator;
let web: webApi.WebClient;
beforeEach(async () => {
  ({ emu } = await startEmulator());
  web = client(emu);
});
afterEach(() => emu.close());

describe('auth', () => {
  it('answers invalid_auth for a wrong token and not_authed for none', async () => {
    await expect(client(emu, 'xoxb-wrong').auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    const res = await fetch(`${emu.apiUrl}auth.test`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('accepts the token as a form field and JSON bodies with a bearer header', async () => {
    const form = await fetch(`${emu.apiUrl}auth.test`, { method: 'POST', body: new URLSearchParams({ token: TOKEN }) });
    expect(await form.json()).toMatchObject({ ok: true, user_id: 'U0BOT' });
    const ch = emu.channel('general');
    const json = await fetch(`${emu.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: ch.id, blocks: [section('from json')] }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: ch.id });
    expect(emu.messages(ch.id)[0]?.blocks).toMatchObject([{ type: 'section', text: { text: 'from json' } }]);
  });

  it('answers unknown_method for methods it does not serve', async () => {
    await expect(web.apiCall('admin.users.list')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
  });
});

describe('chat.postMessage', () => {
  it('stores text, blocks, metadata and thread_ts, records the call and emits the message', async () => {
    const ch = emu.channel('general');
    const seen: EmuActivity[] = [];
    emu.onActivity((a) => seen.push(a));
    const root = await web.chat.postMessage({ channel: ch.id, text: 'root', blocks: [section('*root*')], metadata: { event_type: 'incident_opened', event_payload: { id: 7 } } });
    const reply = await web.chat.postMessage({ channel: ch.id, text: 'reply', thread_ts: root.ts as string });
    const [first, second] = emu.messages(ch.id);
    expect(first).toMatchObject({ text: 'root', user: 'U0BOT', via: 'api', ephemeral: false, metadata: { event_type: 'incident_opened', event_payload: { id: 7 } } });
    expect(first?.blocks?.[0]).toMatchObject({ type: 'section', block_id: expect.any(String) });
    expect(second).toMatchObject({ text: 'reply', thread_ts: root.ts });
    expect(Number(second?.ts)).toBeGreaterThan(Number(first?.ts));
    expect(reply.ts).toBe(second?.ts);
    expect(emu.callsTo('chat.postMessage')[0]?.params).toMatchObject({ channel: ch.id, blocks: [{ type: 'section' }], metadata: { event_type: 'incident_opened' } });
    expect(seen.filter((a) => a.kind === 'message')).toHaveLength(2);
  });

  it('puts a reply to a reply in its parent’s thread, as Slack’s thread_ts reference says', async () => {
    const ch = emu.channel('general');
    const root = await web.chat.postMessage({ channel: ch.id, text: 'root' });
    const reply = await web.chat.postMessage({ channel: ch.id, text: 'reply', thread_ts: root.ts as string });
    const nested = await web.chat.postMessage({ channel: ch.id, text: 'reply to the reply', thread_ts: reply.ts as string });
    expect(nested.message).toMatchObject({ thread_ts: root.ts });
    const thread = await web.conversations.replies({ channel: ch.id, ts: root.ts as string });
    expect(thread.messages?.map((m) => m.text)).toEqual(['root', 'reply', 'reply to the reply']);
    const history = await web.conversations.history({ channel: ch.id });
    expect(history.messages?.map((m) => m.text)).toEqual(['root']);
  });

  it('opens a DM when the channel is a user id', async () => {
    const alice = emu.user('alice');
    const res = await web.chat.postMessage({ channel: alice.id, text: 'hi alice' });
    expect(res.channel).toMatch(/^D/);
    expect(emu.messages(res.channel as string)[0]?.text).toBe('hi alice');
  });

  it('answers not_in_channel, channel_not_found and no_text', async () => {
    const outside = emu.channel('random', { botMember: false });
    await expect(web.chat.postMessage({ channel: outside.id, text: 'x' })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    await expect(web.chat.postMessage({ channel: 'C_NOPE', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    const ch = emu.channel('general');
    await expect(web.chat.postMessage({ channel: ch.id, text: '' })).rejects.toMatchObject({ data: { error: 'no_text' } });
    expect(emu.messages(ch.id)).toHaveLength(0);
  });

  it('hides private channels the bot is not in (channel_not_found)', async () => {
    const secret = emu.channel('secret', { is_private: true, botMember: false });
    await expect(web.chat.postMessage({ channel: secret.id, text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  });

  it('truncates text past 40,000 characters', async () => {
    const ch = emu.channel('general');
    await web.chat.postMessage({ channel: ch.id, text: 'a'.repeat(40_005) });
    expect(emu.messages(ch.id)[0]?.text).toHaveLength(40_000);
  });

  it('issues unique, increasing ts values even when the clock stands still', async () => {
    const ch = emu.channel('general');
    const tss: string[] = [];
    for (let i = 0; i < 5; i++) tss.push((await web.chat.postMessage({ channel: ch.id, text: `m${i}` })).ts as string);
    expect(new Set(tss).size).toBe(5);
    expect([...tss].sort()).toEqual(tss);
    expect(tss[0]).toMatch(/^1700000000\.\d{6}$/);
  });
});

describe('chat.postEphemeral', () => {
  it('posts visible to one member and answers user_not_in_channel for others', async () => {
    const ch = emu.channel('general');
    const alice = emu.user('alice');
    const bob = emu.user('bob');
    emu.postAsUser(alice.id, ch.id, 'hello');
    const res = await web.chat.postEphemeral({ channel: ch.id, user: alice.id, text: 'only you' });
    const stored = emu.messages(ch.id).find((m) => m.ts === res.message_ts);
    expect(stored).toMatchObject({ ephemeral: true, visible_to: alice.id, text: 'only you' });
    await expect(web.chat.postEphemeral({ channel: ch.id, user: bob.id, text: 'x' })).rejects.toMatchObject({ data: { error: 'user_not_in_channel' } });
    await expect(web.chat.postEphemeral({ channel: ch.id, user: 'U_NOPE', text: 'x' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
  });
});

describe('chat.update / chat.delete / chat.getPermalink', () => {
  it('updates the bot’s own message, keeping blocks when none are sent', async () => {
    const ch = emu.channel('general');
    const posted = await web.chat.postMessage({ channel: ch.id, text: 'v1', blocks: [section('v1')] });
    const updates: EmuActivity[] = [];
    emu.onActivity((a) => updates.push(a));
    const res = await web.chat.update({ channel: ch.id, ts: posted.ts as string, text: 'v2' });
    expect(res).toMatchObject({ ok: true, channel: ch.id, ts: posted.ts, text: 'v2' });
    expect(emu.messages(ch.id)[0]).toMatchObject({ text: 'v2', edited: true, blocks: [{ text: { text: 'v1' } }] });
    expect(updates.map((u) => u.kind)).toEqual(['message_updated']);
  });

  it('answers message_not_found and cant_update_message / cant_delete_message', async () => {
    const ch = emu.channel('general');
    const human = emu.postAsUser(emu.user('alice').id, ch.id, 'mine');
    await expect(web.chat.update({ channel: ch.id, ts: '1.000001', text: 'x' })).rejects.toMatchObject({ data: { error: 'message_not_found' } });
    await expect(web.chat.update({ channel: ch.id, ts: human.ts, text: 'x' })).rejects.toMatchObject({ data: { error: 'cant_update_message' } });
    await expect(web.chat.delete({ channel: ch.id, ts: human.ts })).rejects.toMatchObject({ data: { error: 'cant_delete_message' } });
  });

  it('deletes a message and announces it as deleted', async () => {
    const ch = emu.channel('general');
    const posted = await web.chat.postMessage({ channel: ch.id, text: 'bye' });
    const seen: EmuActivity[] = [];
    emu.onActivity((a) => seen.push(a));
    await web.chat.delete({ channel: ch.id, ts: posted.ts as string });
    expect(emu.messages(ch.id)).toEqual([]);
    expect(seen[0]).toMatchObject({ kind: 'message_updated', message: { deleted: true, ts: posted.ts } });
  });

  it('builds Slack permalinks, with thread_ts for replies', async () => {
    const ch = emu.channel('general');
    const root = await web.chat.postMessage({ channel: ch.id, text: 'root' });
    const reply = await web.chat.postMessage({ channel: ch.id, text: 'r', thread_ts: root.ts as string });
    const link = await web.chat.getPermalink({ channel: ch.id, message_ts: root.ts as string });
    expect(link.permalink).toBe(`https://rampart-sandbox.slack.com/archives/${ch.id}/p${(root.ts as string).replace('.', '')}`);
    const replyLink = await web.chat.getPermalink({ channel: ch.id, message_ts: reply.ts as string });
    expect(replyLink.permalink).toContain(`?thread_ts=${root.ts}&cid=${ch.id}`);
    await expect(web.chat.getPermalink({ channel: ch.id, message_ts: '1.2' })).rejects.toMatchObject({ data: { error: 'message_not_found' } });
  });
});

describe('pins.add / reactions.add', () => {
  it('pins and reacts once, then answers already_pinned / already_reacted', async () => {
    const ch = emu.channel('general');
    const posted = await web.chat.postMessage({ channel: ch.id, text: 'x' });
    const ts = posted.ts as string;
    await web.pins.add({ channel: ch.id, timestamp: ts });
    await web.reactions.add({ channel: ch.id, timestamp: ts, name: 'eyes' });
    expect(emu.messages(ch.id)[0]).toMatchObject({ pinned: true, reactions: [{ name: 'eyes', users: ['U0BOT'] }] });
    await expect(web.pins.add({ channel: ch.id, timestamp: ts })).rejects.toMatchObject({ data: { error: 'already_pinned' } });
    await expect(web.reactions.add({ channel: ch.id, timestamp: ts, name: 'eyes' })).rejects.toMatchObject({ data: { error: 'already_reacted' } });
    await expect(web.pins.add({ channel: ch.id, timestamp: '9.9' })).rejects.toMatchObject({ data: { error: 'message_not_found' } });
  });
});
