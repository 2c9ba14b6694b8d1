// conversations.list as Slack documents it (OpenAPI spec): public channels by default, private ones only for members,
// at most 1,000 a page, paged by an opaque cursor. The outbox's channel set-up relies on it to find a channel it made.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import { client, startEmulator } from './helpers.js';

let emu: SlackEmulator;
beforeEach(async () => {
  ({ emu } = await startEmulator());
});
afterEach(() => emu.close());

const names = (res: { channels?: { name?: string }[] }) => (res.channels ?? []).map((c) => c.name);

describe('conversations.list', () => {
  it('lists public channels by default, and private ones only where the bot is a member', async () => {
    emu.channel('general');
    emu.channel('inc-1', { is_private: true });
    emu.channel('secret', { is_private: true, botMember: false });
    expect(names(await client(emu).conversations.list({}))).toEqual(['general']);
    expect(names(await client(emu).conversations.list({ types: 'private_channel' }))).toEqual(['inc-1']);
    expect(names(await client(emu).conversations.list({ types: 'public_channel,private_channel' })).sort()).toEqual(['general', 'inc-1']);
  });

  it('pages with next_cursor and refuses a cursor it did not make', async () => {
    for (const n of [1, 2, 3]) emu.channel(`c-${n}`);
    const first = await client(emu).conversations.list({ limit: 2 });
    expect(names(first)).toEqual(['c-1', 'c-2']);
    const second = await client(emu).conversations.list({ limit: 2, cursor: first.response_metadata!.next_cursor! });
    expect(names(second)).toEqual(['c-3']);
    expect(second.response_metadata?.next_cursor).toBe('');
    await expect(client(emu).conversations.list({ cursor: 'bm9wZQ==' })).rejects.toMatchObject({ data: { error: 'invalid_cursor' } });
  });
});
