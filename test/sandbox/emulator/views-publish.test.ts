// views.publish and app_home_opened: a user's Home tab as Slack keeps it (one view per user, replaced in place, guarded
// by its hash), refused as Slack refuses it (invalid_arguments, not_found, hash_conflict), and opened by a person.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { types, webApi } from '@slack/bolt';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import type { FakeBot } from './helpers.js';
import { actions, client, payloadOf, SECRET, section, START_MS, startEmulator, startFakeBot } from './helpers.js';
import { verifySlackSignature } from '../../support/signing.js';

let emu: SlackEmulator;
let bot: FakeBot;
let web: webApi.WebClient;
beforeAll(async () => {
  bot = await startFakeBot();
  ({ emu } = await startEmulator(bot.url));
  web = client(emu);
});
beforeEach(() => {
  emu.reset();
  bot.received.length = 0;
});
afterAll(async () => {
  await emu.close();
  await bot.close();
});

const home = (blocks: types.KnownBlock[] = [section('Welcome home')]): types.HomeView => ({ type: 'home', blocks });
const errorOf = (p: Promise<unknown>) => p.then(() => 'ok', (err: { data?: { error?: string; response_metadata?: { messages?: string[] } } }) => err.data);

describe('views.publish', () => {
  it('publishes a user’s Home tab and replaces it in place: the same view id, a new hash', async () => {
    const alice = emu.user('alice');
    const first = await web.views.publish({ user_id: alice.id, view: home() });
    expect(first.view).toMatchObject({ id: expect.stringMatching(/^V/), type: 'home', root_view_id: first.view?.id, previous_view_id: null });
    const second = await web.views.publish({ user_id: alice.id, view: home([section('Updated')]), hash: first.view!.hash! });
    expect(second.view?.id).toBe(first.view?.id);
    expect(second.view?.hash).not.toBe(first.view?.hash);
    expect(emu.home(alice.id)?.view.blocks).toEqual([expect.objectContaining({ text: { type: 'mrkdwn', text: 'Updated' } })]);
    // A Home tab is no modal: it never shows up as the user's open view.
    expect(emu.openView(alice.id)).toBeUndefined();
  });

  it('answers hash_conflict for a hash that is not the Home tab’s current one, and changes nothing', async () => {
    const alice = emu.user('alice');
    await expect(errorOf(web.views.publish({ user_id: alice.id, view: home(), hash: '1700000000.nothing' }))).resolves.toMatchObject({ error: 'hash_conflict' });
    const first = await web.views.publish({ user_id: alice.id, view: home() });
    await web.views.publish({ user_id: alice.id, view: home([section('Newer')]) });
    await expect(errorOf(web.views.publish({ user_id: alice.id, view: home([section('Stale')]), hash: first.view!.hash! }))).resolves.toMatchObject({ error: 'hash_conflict' });
    expect(JSON.stringify(emu.home(alice.id)?.view.blocks)).toContain('Newer');
  });

  it('answers not_found for a user who is not in the workspace (or is the bot)', async () => {
    await expect(errorOf(web.views.publish({ user_id: 'U0NOBODY1', view: home() }))).resolves.toMatchObject({ error: 'not_found' });
    await expect(errorOf(web.views.publish({ user_id: emu.botUser.id, view: home() }))).resolves.toMatchObject({ error: 'not_found' });
  });

  it('answers invalid_arguments without a user_id, for a modal, for a modal’s fields, and past 100 blocks', async () => {
    const alice = emu.user('alice');
    await expect(errorOf(web.apiCall('views.publish', { view: home() }))).resolves.toMatchObject({ error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] missing required field: user_id'] } });
    const modal = { type: 'modal', title: { type: 'plain_text', text: 'Hi' }, blocks: [section('x')] } as unknown as types.HomeView;
    await expect(errorOf(web.views.publish({ user_id: alice.id, view: modal }))).resolves.toMatchObject({ error: 'invalid_arguments' });
    const titled = { ...home(), title: { type: 'plain_text', text: 'Home' } } as types.HomeView;
    await expect(errorOf(web.views.publish({ user_id: alice.id, view: titled }))).resolves.toMatchObject({
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] invalid additional property: title [json-pointer:/view]'] },
    });
    const blocks = Array.from({ length: 101 }, (_, i) => section(`line ${i}`));
    await expect(errorOf(web.views.publish({ user_id: alice.id, view: home(blocks) }))).resolves.toMatchObject({
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]'] },
    });
    await expect(web.views.publish({ user_id: alice.id, view: home(blocks.slice(0, 100)) })).resolves.toMatchObject({ ok: true });
  });
});

describe('app_home_opened and the Home tab’s buttons', () => {
  it('sends a signed app_home_opened with the tab, the app’s DM channel and, once published, the current view', async () => {
    const alice = emu.user('alice');
    await emu.openHome({ user: 'alice' });
    const first = JSON.parse(bot.received[0]!.body) as { event: Record<string, unknown> };
    expect(verifySlackSignature(SECRET, bot.received[0]!.headers, bot.received[0]!.body, START_MS / 1000)).toBe(true);
    expect(first.event).toMatchObject({ type: 'app_home_opened', user: alice.id, tab: 'home', channel: expect.stringMatching(/^D/) });
    expect(first.event).not.toHaveProperty('view');
    const published = await web.views.publish({ user_id: alice.id, view: home() });
    await emu.openHome({ user: 'alice' });
    const second = JSON.parse(bot.received[1]!.body) as { event: { view?: { id?: string; hash?: string } } };
    expect(second.event.view).toMatchObject({ id: published.view?.id, hash: published.view?.hash, type: 'home' });
  });

  it('clicks a button in the Home tab as block_actions from the view, with a trigger_id', async () => {
    const alice = emu.user('alice');
    await web.views.publish({ user_id: alice.id, view: home([actions('top', [{ text: 'Declare incident', action_id: 'home_declare', value: 'declare' }])]) });
    await emu.clickButton({ user: 'alice', label: 'Declare incident', home: true });
    const payload = payloadOf(bot.received[0]!);
    expect(payload).toMatchObject({ type: 'block_actions', container: { type: 'view' }, view: { type: 'home' }, actions: [{ action_id: 'home_declare', value: 'declare' }] });
    expect(payload.trigger_id).toEqual(expect.any(String));
    await expect(emu.clickButton({ user: 'alice', label: 'Nowhere', home: true })).rejects.toThrow(/No button "Nowhere"/);
  });
});
