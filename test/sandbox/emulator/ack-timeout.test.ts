// Slack's 3-second ack: an answer after the deadline is marked timedOut, reported as operation_timeout, and its
// body ignored. The deadline is 50 ms here; the fake bot holds its answer until the emulator has reported the
// timeout, so nothing sleeps and nothing depends on how fast the machine is.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import type { EmuActivity } from '../../../src/sandbox/emulator/types.js';
import type { FakeBot } from './helpers.js';
import { SECRET, TOKEN, actions, client, section, startFakeBot, testClock } from './helpers.js';

let emu: SlackEmulator;
let bot: FakeBot;
let activity: EmuActivity[];
beforeEach(async () => {
  bot = await startFakeBot();
  activity = [];
});
afterEach(async () => {
  await emu.close();
  await bot.close();
});

async function start(ackTimeoutMs?: number): Promise<void> {
  emu = await SlackEmulator.start({ signingSecret: SECRET, botToken: TOKEN, botUrl: bot.url, now: testClock().now, ...(ackTimeoutMs ? { ackTimeoutMs } : {}) });
  emu.onActivity((a) => activity.push(a));
}

const timeouts = () => activity.flatMap((a) => (a.kind === 'api_error' && a.call.response.error === 'operation_timeout' ? [a.call] : []));

/** The fake bot answers only once the emulator has given up on it. */
function answerLate(body: string | Record<string, unknown>): void {
  const seen = timeouts().length;
  bot.answer = async () => {
    await emu.waitFor(() => timeouts().length > seen);
    return { body };
  };
}

describe('the ack deadline', () => {
  it('marks a late slash-command answer timedOut, reports operation_timeout and drops the body', async () => {
    await start(50);
    const general = emu.channel('general');
    answerLate({ text: 'too late' });
    const reply = await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: 'help' });
    expect(reply).toMatchObject({ status: 200, json: { text: 'too late' }, timedOut: true, via: 'http' });
    expect(timeouts()).toEqual([{ method: 'ack', params: { type: 'slash_commands', via: 'http', ack_timeout_ms: 50 }, status: 0, response: { ok: false, error: 'operation_timeout' }, at: expect.any(Number) }]);
    expect(emu.messages(general.id)).toEqual([]);
  });

  it('leaves the modal open when the view_submission answer is late', async () => {
    await start(50);
    const alice = emu.user('alice');
    emu.channel('general');
    // A modal opened through the Web API with the trigger_id of a slash command.
    bot.answer = async (req) => {
      const trigger = new URLSearchParams(req.body).get('trigger_id')!;
      await client(emu).views.open({ trigger_id: trigger, view: { type: 'modal', callback_id: 'declare', title: { type: 'plain_text', text: 'Declare' }, submit: { type: 'plain_text', text: 'Go' }, blocks: [section('hi')] } });
      return {};
    };
    await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' });
    const view = emu.openView(alice.id)!;
    answerLate({ response_action: 'clear' });
    const reply = await emu.submitView({ user: 'alice', values: {} });
    expect(reply.timedOut).toBe(true);
    expect(emu.openView(alice.id)?.id).toBe(view.id);
    expect(timeouts().at(-1)?.params).toMatchObject({ type: 'interactive' });
  });

  it('times events and button clicks too', async () => {
    await start(50);
    const ch = emu.channel('inc');
    const m = emu.postAsUser(emu.user('alice').id, ch.id, 'x');
    answerLate('');
    expect((await emu.react({ user: 'bob', channel: ch.id, ts: m.ts, name: 'pushpin' })).timedOut).toBe(true);
    expect(timeouts().at(-1)?.params).toMatchObject({ type: 'events_api' });

    await client(emu).chat.postMessage({ channel: ch.id, text: 'Ack?', blocks: [section('Ack?'), actions('b', [{ text: 'Ack', action_id: 'ack' }])] });
    answerLate({ text: 'late ack' });
    expect((await emu.clickButton({ user: 'bob', label: 'Ack' })).timedOut).toBe(true);
    expect(emu.messages(ch.id).map((x) => x.text)).toEqual(['x', 'Ack?']);
  });

  it('leaves answers in time unmarked, with the default 3-second deadline', async () => {
    await start();
    const general = emu.channel('general');
    bot.answer = () => ({ body: { text: 'in time' } });
    const reply = await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: 'help' });
    expect(reply.timedOut).toBeUndefined();
    expect(emu.messages(general.id).map((m) => m.text)).toEqual(['in time']);
    expect(timeouts()).toEqual([]);
  });
});
