// views.open / update / push: trigger_id rules on the emulator clock, hashes, external ids, validation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { types, webApi } from '@slack/bolt';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import type { EmuActivity } from '../../../src/sandbox/emulator/types.js';
import type { FakeBot, TestClock } from './helpers.js';
import { client, section, startEmulator, startFakeBot } from './helpers.js';

let emu: SlackEmulator;
let clock: TestClock;
let bot: FakeBot;
let web: webApi.WebClient;
beforeEach(async () => {
  bot = await startFakeBot();
  ({ emu, clock } = await startEmulator(bot.url));
  web = client(emu);
});
afterEach(async () => {
  await emu.close();
  await bot.close();
});

const modal = (title = 'Declare incident', over: Partial<types.ModalView> = {}): types.ModalView => ({
  type: 'modal',
  callback_id: 'declare',
  title: { type: 'plain_text', text: title },
  close: { type: 'plain_text', text: 'Cancel' },
  blocks: [section('Fill in the form')],
  ...over,
});

/** Run a slash command and return the trigger_id the emulator issued. */
async function trigger(user = 'alice'): Promise<string> {
  emu.channel('general');
  await emu.slashCommand({ user, channel: 'general', command: '/incident', text: '' });
  const last = bot.received[bot.received.length - 1];
  return new URLSearchParams(last?.body).get('trigger_id') ?? '';
}

describe('views.open', () => {
  it('opens a modal for the user who triggered it and returns the full view', async () => {
    const seen: EmuActivity[] = [];
    emu.onActivity((a) => seen.push(a));
    const res = await web.views.open({ trigger_id: await trigger(), view: modal() });
    const alice = emu.user('alice');
    expect(res.view).toMatchObject({ id: expect.stringMatching(/^V/), hash: expect.stringMatching(/^\d+\.\S+$/), callback_id: 'declare', team_id: 'T0RAMPART', state: { values: {} }, root_view_id: res.view?.id, previous_view_id: null });
    expect(emu.openView(alice.id)?.id).toBe(res.view?.id);
    expect(seen.map((a) => a.kind)).toContain('view_opened');
  });

  it('rejects unknown, reused and expired trigger_ids (3 s on the emulator clock)', async () => {
    await expect(web.views.open({ trigger_id: '1.2.made-up', view: modal() })).rejects.toMatchObject({ data: { error: 'invalid_trigger_id' } });
    const used = await trigger();
    await web.views.open({ trigger_id: used, view: modal() });
    await expect(web.views.open({ trigger_id: used, view: modal() })).rejects.toMatchObject({ data: { error: 'exchanged_trigger_id' } });
    const justInTime = await trigger();
    clock.advance(3_000);
    await expect(web.views.open({ trigger_id: justInTime, view: modal() })).resolves.toMatchObject({ ok: true });
    const late = await trigger();
    clock.advance(3_001);
    await expect(web.views.open({ trigger_id: late, view: modal() })).rejects.toMatchObject({ data: { error: 'expired_trigger_id' } });
  });

  it('answers invalid_arguments with messages for a view over the limits, without spending the trigger', async () => {
    const t = await trigger();
    await expect(web.views.open({ trigger_id: t, view: modal('x'.repeat(25)) })).rejects.toMatchObject({
      data: { error: 'invalid_arguments', response_metadata: { messages: [expect.stringContaining('[json-pointer:/view/title/text]')] } },
    });
    await expect(web.views.open({ trigger_id: t, view: modal() })).resolves.toMatchObject({ ok: true });
  });
});

describe('views.update', () => {
  it('updates by view_id or external_id and changes the hash', async () => {
    const opened = await web.views.open({ trigger_id: await trigger(), view: modal('One', { external_id: 'ext-1' }) });
    const byId = await web.views.update({ view_id: opened.view?.id as string, view: modal('Two') });
    expect(byId.view?.title).toMatchObject({ text: 'Two' });
    expect(byId.view?.hash).not.toBe(opened.view?.hash);
    const byExt = await web.views.update({ external_id: 'ext-1', view: modal('Three') });
    expect(byExt.view?.id).toBe(opened.view?.id);
    expect(emu.views()[0]?.view).toMatchObject({ title: { text: 'Three' } });
    await expect(web.views.open({ trigger_id: await trigger('bob'), view: modal('Dup', { external_id: 'ext-1' }) })).rejects.toMatchObject({ data: { error: 'duplicate_external_id' } });
  });

  it('answers hash_conflict for a stale hash and not_found for unknown or closed views', async () => {
    const opened = await web.views.open({ trigger_id: await trigger(), view: modal() });
    const id = opened.view?.id as string;
    await web.views.update({ view_id: id, hash: opened.view?.hash, view: modal('Fresh') });
    await expect(web.views.update({ view_id: id, hash: opened.view?.hash, view: modal('Stale') })).rejects.toMatchObject({ data: { error: 'hash_conflict' } });
    await expect(web.views.update({ view_id: 'V_NONE', view: modal() })).rejects.toMatchObject({ data: { error: 'not_found' } });
    await emu.closeView({ user: 'alice' });
    await expect(web.views.update({ view_id: id, view: modal() })).rejects.toMatchObject({ data: { error: 'not_found' } });
  });
});

describe('views.push', () => {
  it('pushes onto the open stack, up to 3 views', async () => {
    const root = await web.views.open({ trigger_id: await trigger(), view: modal('Root') });
    const pushed = await web.views.push({ trigger_id: await trigger(), view: modal('Second') });
    expect(pushed.view).toMatchObject({ previous_view_id: root.view?.id, root_view_id: root.view?.id });
    expect(emu.openView(emu.user('alice').id)?.id).toBe(pushed.view?.id);
    await web.views.push({ trigger_id: await trigger(), view: modal('Third') });
    await expect(web.views.push({ trigger_id: await trigger(), view: modal('Fourth') })).rejects.toMatchObject({ data: { error: 'push_limit_reached' } });
  });
});
