// conversations.*, users.* and usergroups.users.list through the real WebClient.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { webApi } from '@slack/bolt';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import type { TestClock } from './helpers.js';
import { client, startEmulator } from './helpers.js';

let emu: SlackEmulator;
let clock: TestClock;
let web: webApi.WebClient;
beforeEach(async () => {
  ({ emu, clock } = await startEmulator());
  web = client(emu);
});
afterEach(() => emu.close());

describe('conversations.create', () => {
  it('creates public and private channels with the bot as a member', async () => {
    const pub = await web.conversations.create({ name: 'inc-2024-001' });
    expect(pub.channel).toMatchObject({ name: 'inc-2024-001', is_private: false, is_channel: true, is_member: true, creator: 'U0BOT' });
    const priv = await web.conversations.create({ name: 'inc_secret', is_private: true });
    expect(priv.channel).toMatchObject({ is_private: true, is_group: true });
    expect(emu.channelByName('inc_secret')?.members).toEqual(['U0BOT']);
  });

  it.each([
    ['', 'invalid_name_required'],
    ['a'.repeat(81), 'invalid_name_maxlength'],
    ['Has-Caps', 'invalid_name_specials'],
    ['with space', 'invalid_name_specials'],
    ['dots.no', 'invalid_name_specials'],
  ])('rejects name %j with %s', async (name, error) => {
    await expect(web.conversations.create({ name })).rejects.toMatchObject({ data: { error } });
  });

  it('accepts 80 characters and answers name_taken for a duplicate', async () => {
    await web.conversations.create({ name: 'a'.repeat(80) });
    await expect(web.conversations.create({ name: 'a'.repeat(80) })).rejects.toMatchObject({ data: { error: 'name_taken' } });
  });
});

describe('conversations.invite', () => {
  it('invites several users at once and emits member_joined', async () => {
    const ch = emu.channel('inc');
    const [alice, bob] = [emu.user('alice'), emu.user('bob')];
    const joined: string[] = [];
    emu.onActivity((a) => a.kind === 'member_joined' && joined.push(a.user.name));
    await web.conversations.invite({ channel: ch.id, users: `${alice.id},${bob.id}` });
    expect(ch.members).toEqual(['U0BOT', alice.id, bob.id]);
    expect(joined).toEqual(['alice', 'bob']);
  });

  it('answers already_in_channel, cant_invite_self, user_not_found, not_in_channel, channel_not_found', async () => {
    const ch = emu.channel('inc');
    const alice = emu.user('alice');
    await web.conversations.invite({ channel: ch.id, users: alice.id });
    await expect(web.conversations.invite({ channel: ch.id, users: alice.id })).rejects.toMatchObject({ data: { error: 'already_in_channel', errors: [{ user: alice.id, error: 'already_in_channel' }] } });
    await expect(web.conversations.invite({ channel: ch.id, users: 'U0BOT' })).rejects.toMatchObject({ data: { error: 'cant_invite_self' } });
    await expect(web.conversations.invite({ channel: ch.id, users: 'U_GHOST' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    const outside = emu.channel('elsewhere', { botMember: false });
    await expect(web.conversations.invite({ channel: outside.id, users: alice.id })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    await expect(web.conversations.invite({ channel: 'C_NONE', users: alice.id })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  });

  it('invites nobody when one user fails, unless force is set', async () => {
    const ch = emu.channel('inc');
    const bob = emu.user('bob');
    await expect(web.conversations.invite({ channel: ch.id, users: `${bob.id},U_GHOST` })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    expect(ch.members).not.toContain(bob.id);
    const forced = await web.conversations.invite({ channel: ch.id, users: `${bob.id},U_GHOST`, force: true });
    expect(forced.errors).toEqual([{ ok: false, error: 'user_not_found', user: 'U_GHOST' }]);
    expect(ch.members).toContain(bob.id);
  });
});

describe('conversations.join / info / members / setTopic / setPurpose', () => {
  it('joins public channels only', async () => {
    const pub = emu.channel('public', { botMember: false });
    await web.conversations.join({ channel: pub.id });
    expect(pub.members).toContain('U0BOT');
    const again = await web.conversations.join({ channel: pub.id });
    expect(again.warning).toBe('already_in_channel');
    emu.channel('priv', { is_private: true });
    const priv = emu.channelByName('priv');
    await expect(web.conversations.join({ channel: priv?.id ?? '' })).rejects.toMatchObject({ data: { error: 'method_not_supported_for_channel_type' } });
  });

  it('reports info with member count, pages members, sets topic and purpose', async () => {
    const ch = emu.channel('inc');
    const users = ['a', 'b', 'c'].map((n) => emu.user(n));
    await web.conversations.invite({ channel: ch.id, users: users.map((u) => u.id).join(',') });
    const info = await web.conversations.info({ channel: ch.id });
    expect(info.channel).toMatchObject({ id: ch.id, name: 'inc', num_members: 4 });
    const page1 = await web.conversations.members({ channel: ch.id, limit: 3 });
    expect(page1.members).toEqual(['U0BOT', users[0]?.id, users[1]?.id]);
    const page2 = await web.conversations.members({ channel: ch.id, limit: 3, cursor: page1.response_metadata?.next_cursor });
    expect(page2.members).toEqual([users[2]?.id]);
    expect(page2.response_metadata?.next_cursor).toBe('');
    clock.advance(5_000);
    const topic = await web.conversations.setTopic({ channel: ch.id, topic: 'SEV1: db down' });
    expect(topic.channel).toMatchObject({ topic: { value: 'SEV1: db down', creator: 'U0BOT', last_set: 1_700_000_005 } });
    await web.conversations.setPurpose({ channel: ch.id, purpose: 'Incident room' });
    expect(emu.channelById(ch.id)).toMatchObject({ topic: 'SEV1: db down', purpose: 'Incident room' });
  });
});

describe('users.conversations', () => {
  it('lists the private channels a user shares with the bot, page by page, without membership fields', async () => {
    const user = emu.user('ana');
    const shared = ['p1', 'p2', 'p3'].map((name) => emu.channel(name, { is_private: true }));
    for (const ch of shared) await web.conversations.invite({ channel: ch.id, users: user.id });
    // A private channel without the bot is not the bot's to know about; a public one is not of the type asked for.
    const hidden = emu.channel('hidden', { is_private: true, botMember: false });
    emu.channelById(hidden.id)!.members.push(user.id);
    const open = emu.channel('open');
    await web.conversations.invite({ channel: open.id, users: user.id });
    const page1 = await web.users.conversations({ user: user.id, types: 'private_channel', limit: 2 });
    expect(page1.channels?.map((c) => c.name)).toEqual(['p1', 'p2']);
    expect(page1.channels?.[0]).not.toHaveProperty('is_member');
    expect(page1.channels?.[0]).not.toHaveProperty('num_members');
    const page2 = await web.users.conversations({ user: user.id, types: 'private_channel', limit: 2, cursor: page1.response_metadata?.next_cursor });
    expect(page2.channels?.map((c) => c.name)).toEqual(['p3']);
    expect(page2.response_metadata?.next_cursor).toBe('');
    // types defaults to public_channel.
    expect((await web.users.conversations({ user: user.id })).channels?.map((c) => c.name)).toEqual(['open']);
  });

  it.each([
    [{ types: 'private' }, 'invalid_types'],
    [{ types: 'private_channel,group' }, 'invalid_types'],
    [{ limit: 1001 }, 'invalid_limit'],
    [{ limit: 0 }, 'invalid_limit'],
    [{ cursor: 'bm9wZQ==' }, 'invalid_cursor'],
  ])('refuses %j with %s', async (args, error) => {
    await expect(web.users.conversations(args as never)).rejects.toMatchObject({ data: { error } });
  });
});

describe('conversations.history / replies', () => {
  async function seed() {
    const ch = emu.channel('inc');
    const ts: string[] = [];
    for (let i = 1; i <= 4; i++) {
      clock.advance(1_000);
      ts.push((await web.chat.postMessage({ channel: ch.id, text: `m${i}` })).ts as string);
    }
    await web.chat.postMessage({ channel: ch.id, text: 'reply', thread_ts: ts[0] });
    await web.chat.postEphemeral({ channel: ch.id, user: 'U0BOT', text: 'eph' }).catch(() => undefined);
    return { ch, ts };
  }

  it('returns top-level messages newest first with latest/oldest/inclusive/limit and cursors', async () => {
    const { ch, ts } = await seed();
    const all = await web.conversations.history({ channel: ch.id });
    expect(all.messages?.map((m) => m.text)).toEqual(['m4', 'm3', 'm2', 'm1']);
    expect(all.messages?.[3]).toMatchObject({ reply_count: 1, thread_ts: ts[0] });
    const window = await web.conversations.history({ channel: ch.id, oldest: ts[0], latest: ts[3] });
    expect(window.messages?.map((m) => m.text)).toEqual(['m3', 'm2']);
    const inclusive = await web.conversations.history({ channel: ch.id, oldest: ts[0], latest: ts[3], inclusive: true });
    expect(inclusive.messages?.map((m) => m.text)).toEqual(['m4', 'm3', 'm2', 'm1']);
    const p1 = await web.conversations.history({ channel: ch.id, limit: 3 });
    expect(p1.has_more).toBe(true);
    const p2 = await web.conversations.history({ channel: ch.id, limit: 3, cursor: p1.response_metadata?.next_cursor });
    expect(p2.messages?.map((m) => m.text)).toEqual(['m1']);
    expect(p2.has_more).toBe(false);
  });

  it('includes metadata only with include_all_metadata, as Slack does', async () => {
    const ch = emu.channel('inc');
    await web.chat.postMessage({ channel: ch.id, text: 'x', metadata: { event_type: 'incident', event_payload: { id: 1 } } });
    expect((await web.conversations.history({ channel: ch.id })).messages?.[0]?.metadata).toBeUndefined();
    const withMeta = await web.conversations.history({ channel: ch.id, include_all_metadata: true });
    expect(withMeta.messages?.[0]?.metadata).toEqual({ event_type: 'incident', event_payload: { id: 1 } });
  });

  it('returns a thread oldest first, parent first, and thread_not_found for unknown ts', async () => {
    const { ch, ts } = await seed();
    const thread = await web.conversations.replies({ channel: ch.id, ts: ts[0] as string });
    expect(thread.messages?.map((m) => m.text)).toEqual(['m1', 'reply']);
    await expect(web.conversations.replies({ channel: ch.id, ts: '1.000001' })).rejects.toMatchObject({ data: { error: 'thread_not_found' } });
  });

  it('answers not_in_channel when the bot is not a member', async () => {
    const ch = emu.channel('other', { botMember: false });
    await expect(web.conversations.history({ channel: ch.id })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
  });
});

describe('users.info / usergroups.users.list', () => {
  it('returns users and answers user_not_found', async () => {
    const alice = emu.user('alice');
    const res = await web.users.info({ user: alice.id });
    expect(res.user).toMatchObject({ id: alice.id, name: 'alice', real_name: 'Alice', is_bot: false, team_id: 'T0RAMPART' });
    expect((await web.users.info({ user: 'U0BOT' })).user).toMatchObject({ is_bot: true, name: 'rampart' });
    await expect(web.users.info({ user: 'U_NOBODY' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
  });

  it('lists a user group and answers no_such_subteam', async () => {
    const alice = emu.user('alice');
    const group = emu.usergroup('secops', [alice.id]);
    expect(group.id).toMatch(/^S/);
    expect((await web.usergroups.users.list({ usergroup: group.id })).users).toEqual([alice.id]);
    await expect(web.usergroups.users.list({ usergroup: 'S_NONE' })).rejects.toMatchObject({ data: { error: 'no_such_subteam' } });
  });
});
