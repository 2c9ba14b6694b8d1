// conversations.archive and conversations.unarchive through the real WebClient, with Slack's errors: the OpenAPI
// spec's (already_archived, cant_archive_general, method_not_supported_for_channel_type, channel_not_found), the method
// page's not_in_channel, and unarchive's bot-token limit (the page's bug alert; user_is_bot in the spec).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { webApi } from '@slack/bolt';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import { client, startEmulator } from './helpers.js';

let emu: SlackEmulator;
let web: webApi.WebClient;
beforeEach(async () => {
  ({ emu } = await startEmulator());
  web = client(emu);
});
afterEach(() => emu.close());

describe('conversations.archive', () => {
  it('archives a channel the bot is in: it then shows is_archived, and posts and invites are refused', async () => {
    const ch = emu.channel('inc-1');
    const alice = emu.user('alice');
    await expect(web.conversations.archive({ channel: ch.id })).resolves.toMatchObject({ ok: true });
    expect((await web.conversations.info({ channel: ch.id })).channel).toMatchObject({ is_archived: true });
    await expect(web.chat.postMessage({ channel: ch.id, text: 'hello' })).rejects.toMatchObject({ data: { error: 'is_archived' } });
    await expect(web.conversations.invite({ channel: ch.id, users: alice.id })).rejects.toMatchObject({ data: { error: 'is_archived' } });
    await expect(web.conversations.archive({ channel: ch.id })).rejects.toMatchObject({ data: { error: 'already_archived' } });
  });

  it.each([
    ['#general', () => emu.channel('general').id, 'cant_archive_general'],
    ['a channel the bot is not in', () => emu.channel('elsewhere', { botMember: false }).id, 'not_in_channel'],
    ['an unknown channel', () => 'C0NOPE0000', 'channel_not_found'],
    ['a direct message', async () => (await web.conversations.open({ users: emu.user('bob').id })).channel!.id!, 'method_not_supported_for_channel_type'],
  ])('refuses %s', async (_, channel, error) => {
    await expect(web.conversations.archive({ channel: await channel() })).rejects.toMatchObject({ data: { error } });
  });
});

describe('conversations.unarchive', () => {
  it('refuses the bot token, as Slack does ("Bot tokens cannot currently be used to unarchive conversations")', async () => {
    const ch = emu.channel('inc-2');
    await web.conversations.archive({ channel: ch.id });
    await expect(web.conversations.unarchive({ channel: ch.id })).rejects.toMatchObject({ data: { error: 'user_is_bot' } });
    await expect(web.conversations.unarchive({ channel: 'C0NOPE0000' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  });
});
