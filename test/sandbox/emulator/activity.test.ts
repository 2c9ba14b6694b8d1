// The activity feed a terminal prints: everything a person would see, in order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import type { EmuActivity } from '../../../src/sandbox/emulator/types.js';
import { client, startEmulator } from './helpers.js';

let emu: SlackEmulator;
beforeEach(async () => {
  ({ emu } = await startEmulator());
});
afterEach(() => emu.close());

describe('onActivity', () => {
  it('reports channel creation, joins, messages, edits and API errors, and stops after unsubscribe', async () => {
    const web = client(emu);
    const alice = emu.user('alice');
    const seen: EmuActivity[] = [];
    const stop = emu.onActivity((a) => seen.push(a));
    const created = await web.conversations.create({ name: 'inc-42' });
    const id = created.channel?.id as string;
    await web.conversations.invite({ channel: id, users: alice.id });
    const posted = await web.chat.postMessage({ channel: id, text: 'Incident opened' });
    await web.chat.update({ channel: id, ts: posted.ts as string, text: 'Incident opened (SEV1)' });
    await web.conversations.create({ name: 'inc-42' }).catch(() => undefined);
    stop();
    await web.chat.postMessage({ channel: id, text: 'unseen' });
    expect(seen.map((a) => a.kind)).toEqual(['channel_created', 'member_joined', 'message', 'message_updated', 'api_error']);
    expect(seen[4]).toMatchObject({ call: { method: 'conversations.create', response: { error: 'name_taken' } } });
  });

  it('lists all messages oldest first across channels', async () => {
    const a = emu.channel('a');
    const b = emu.channel('b');
    const u = emu.user('alice');
    emu.postAsUser(u.id, a.id, '1');
    emu.postAsUser(u.id, b.id, '2');
    emu.postAsUser(u.id, a.id, '3');
    expect(emu.allMessages().map((m) => m.text)).toEqual(['1', '2', '3']);
    expect(emu.messages(a.id).map((m) => m.text)).toEqual(['1', '3']);
    expect(a.members).toContain(u.id);
  });

  it('refuses to post as a non-member into a private channel', () => {
    const secret = emu.channel('secret', { is_private: true });
    expect(() => emu.postAsUser(emu.user('alice').id, secret.id, 'hi')).toThrow(/not a member/);
  });
});

describe('waitFor', () => {
  it('resolves when a later Web API call makes the predicate true, and rejects on timeout', async () => {
    const ch = emu.channel('general');
    const waiting = emu.waitFor(() => emu.messages(ch.id).find((m) => m.text === 'done'));
    await client(emu).chat.postMessage({ channel: ch.id, text: 'done' });
    await expect(waiting).resolves.toMatchObject({ text: 'done' });
    await expect(emu.waitFor(() => false, { timeoutMs: 10 })).rejects.toThrow(/not met within 10 ms/);
  });
});
