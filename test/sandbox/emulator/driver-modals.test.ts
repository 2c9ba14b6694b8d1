// Modals driven as a person would: view_submission state built from labels, the bot's response_action
// handling, buttons inside modals, and closing with view_closed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import type { FakeBot, Received } from './helpers.js';
import { client, payloadOf, section, startEmulator, startFakeBot } from './helpers.js';

let emu: SlackEmulator;
let bot: FakeBot;
beforeEach(async () => {
  bot = await startFakeBot();
  ({ emu } = await startEmulator(bot.url));
  emu.channel('general');
});
afterEach(async () => {
  await emu.close();
  await bot.close();
});

const pt = (text: string) => ({ type: 'plain_text' as const, text });
const opt = (text: string, value: string) => ({ text: pt(text), value });
const input = (blockId: string, label: string, element: Record<string, unknown>, optional = false) => ({ type: 'input', block_id: blockId, label: pt(label), element, optional });

const declareModal = {
  type: 'modal',
  callback_id: 'declare',
  title: pt('Declare incident'),
  submit: pt('Declare'),
  notify_on_close: true,
  private_metadata: '{"channel":"C1"}',
  blocks: [
    input('title_block', 'Title', { type: 'plain_text_input', action_id: 'title' }),
    input('sev_block', 'Severity', { type: 'static_select', action_id: 'sev', options: [opt('SEV1 - critical', 'sev1'), opt('SEV2 - major', 'sev2')] }),
    input('commander_block', 'Commander', { type: 'users_select', action_id: 'commander' }),
    input('flags_block', 'Flags', { type: 'checkboxes', action_id: 'flags', options: [opt('Customer impact', 'customer'), opt('Data breach', 'breach')] }, true),
    input('confirm_block', 'Confidential', { type: 'checkboxes', action_id: 'confidential', options: [opt('Restrict to responders', 'yes')] }, true),
    input('started_block', 'Started at', { type: 'datetimepicker', action_id: 'started' }, true),
    input('notes_block', 'Notes', { type: 'plain_text_input', action_id: 'notes', multiline: true }, true),
    input('region_block', 'Region', { type: 'static_select', action_id: 'region', options: [opt('EU', 'eu'), opt('US', 'us')], initial_option: opt('EU', 'eu') }),
    { type: 'actions', block_id: 'modal_actions', elements: [{ type: 'button', text: pt('Add responder'), action_id: 'add_responder' }] },
  ],
};

/** Make the bot open the declare modal when it gets a slash command. */
async function openDeclare(user = 'alice') {
  const web = client(emu);
  bot.answer = async (req: Received) => {
    const trigger = new URLSearchParams(req.body).get('trigger_id');
    if (trigger) await web.views.open({ trigger_id: trigger, view: declareModal as never });
    return {};
  };
  await emu.slashCommand({ user, channel: 'general', command: '/incident', text: '' });
  bot.answer = () => ({});
  const view = emu.openView(emu.user(user).id);
  if (!view) throw new Error('modal did not open');
  return view;
}

describe('submitView', () => {
  it('builds view.state.values from labels and block_ids like Slack', async () => {
    const view = await openDeclare();
    const bob = emu.user('bob');
    await emu.submitView({ user: 'alice', values: { title: 'DB down', SEVERITY: 'SEV1 - critical', commander: 'bob', flags: ['breach'], confirm_block: true, 'Started at': '2023-11-14T22:13:20Z' } });
    const p = payloadOf(bot.received[1] as Received);
    expect(p).toMatchObject({ type: 'view_submission', user: { id: emu.user('alice').id }, view: { id: view.id, callback_id: 'declare', private_metadata: '{"channel":"C1"}', hash: view.hash } });
    expect((p.view as { state: unknown }).state).toEqual({
      values: {
        title_block: { title: { type: 'plain_text_input', value: 'DB down' } },
        sev_block: { sev: { type: 'static_select', selected_option: opt('SEV1 - critical', 'sev1') } },
        commander_block: { commander: { type: 'users_select', selected_user: bob.id } },
        flags_block: { flags: { type: 'checkboxes', selected_options: [opt('Data breach', 'breach')] } },
        confirm_block: { confidential: { type: 'checkboxes', selected_options: [opt('Restrict to responders', 'yes')] } },
        started_block: { started: { type: 'datetimepicker', selected_date_time: 1_700_000_000 } },
        notes_block: { notes: { type: 'plain_text_input', value: null } },
        region_block: { region: { type: 'static_select', selected_option: opt('EU', 'eu') } },
      },
    });
    expect(emu.openView(emu.user('alice').id)).toBeUndefined();
    expect(view.closed).toBe(true);
  });

  it('throws listing the fields for an unknown key, an unknown option or an empty required field', async () => {
    await openDeclare();
    await expect(emu.submitView({ user: 'alice', values: { Priority: 'high' } })).rejects.toThrow(/no field "Priority".*"Title" \(block_id title_block\)/);
    await expect(emu.submitView({ user: 'alice', values: { Title: 'x', Severity: 'SEV9', Commander: 'bob' } })).rejects.toThrow(/Severity.*no option "SEV9".*"SEV1 - critical"/);
    await expect(emu.submitView({ user: 'alice', values: { Title: 'x' } })).rejects.toThrow(/Required fields are empty.*Severity.*Commander/);
    expect(bot.received).toHaveLength(1);
  });

  const full = { Title: 'DB down', Severity: 'sev2', Commander: 'bob' };

  it('keeps the view open with the bot’s errors (response_action errors)', async () => {
    const view = await openDeclare();
    bot.answer = () => ({ body: { response_action: 'errors', errors: { title_block: 'Title is too vague' } } });
    await emu.submitView({ user: 'alice', values: full });
    expect(emu.openView(emu.user('alice').id)).toMatchObject({ id: view.id, closed: false, errors: { title_block: 'Title is too vague' } });
  });

  it('updates, pushes or clears as the bot answers', async () => {
    const view = await openDeclare();
    const alice = emu.user('alice').id;
    bot.answer = () => ({ body: { response_action: 'update', view: { type: 'modal', title: pt('Declared'), blocks: [section('Thanks')] } } });
    await emu.submitView({ user: 'alice', values: full });
    expect(emu.openView(alice)).toMatchObject({ id: view.id, view: { title: { text: 'Declared' } } });
    bot.answer = () => ({ body: { response_action: 'push', view: { type: 'modal', title: pt('Step 2'), blocks: [section('More')] } } });
    await emu.submitView({ user: 'alice', values: {} });
    const pushed = emu.openView(alice);
    expect(pushed?.id).not.toBe(view.id);
    bot.answer = () => ({ body: { response_action: 'clear' } });
    await emu.submitView({ user: 'alice', values: {} });
    expect(emu.openView(alice)).toBeUndefined();
    expect(emu.views().every((v) => v.closed)).toBe(true);
  });

  it('leaves the view open when the bot fails', async () => {
    await openDeclare();
    bot.answer = () => ({ status: 500, body: 'boom' });
    await emu.submitView({ user: 'alice', values: full });
    expect(emu.openView(emu.user('alice').id)?.closed).toBe(false);
  });
});

describe('buttons in modals and closing', () => {
  it('clicks a modal button with a view container and no response_url', async () => {
    const view = await openDeclare();
    await emu.clickButton({ user: 'alice', label: 'Add responder' });
    const p = payloadOf(bot.received[1] as Received);
    expect(p).toMatchObject({ type: 'block_actions', container: { type: 'view', view_id: view.id }, view: { id: view.id, hash: view.hash }, actions: [{ action_id: 'add_responder', block_id: 'modal_actions' }] });
    expect(p.response_url).toBeUndefined();
  });

  it('sends view_closed when notify_on_close, and nothing otherwise', async () => {
    const view = await openDeclare();
    const reply = await emu.closeView({ user: 'alice' });
    expect(reply.status).toBe(200);
    expect(payloadOf(bot.received[1] as Received)).toMatchObject({ type: 'view_closed', view: { id: view.id }, is_cleared: false });
    expect(view.closed).toBe(true);
    await expect(emu.closeView({ user: 'alice' })).rejects.toThrow(/No open modal/);
  });
});
