// The declare modal through the real Bolt app: `/incident declare` with no text opens it, submitting it declares,
// bad fields come back as inline errors, and the "Report as incident" shortcut pre-fills it from a message.
import { describe, expect, it } from 'vitest';
import { permalink } from '../../src/sandbox/emulator/shapes.js';
import { recordBotRequests } from '../support/bot-proxy.js';
import { allEvents, CLI, ephemeralMessagesFor, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const bot = useTestBot();

/** Runs `/incident declare` with no text and returns the modal it opened for the lead. */
async function openDeclareModal() {
  const reply = await bot.incident('declare');
  expect(reply.status).toBe(200);
  const view = bot.emu.openView(bot.lead.id);
  expect(view?.view).toMatchObject({ callback_id: 'declare_incident', type: 'modal' });
  return view!;
}

describe('/incident declare with no text', () => {
  it('opens the modal with the trigger id of the slash command', async () => {
    const recorder = await recordBotRequests(bot);
    try {
      await openDeclareModal();
      const sent = new URLSearchParams(recorder.requests[0]!.body);
      const opened = bot.emu.callsTo('views.open');
      expect(opened).toHaveLength(1);
      expect(opened[0]!.params.trigger_id).toBe(sent.get('trigger_id'));
      expect(opened[0]!.response).toMatchObject({ ok: true });
    } finally {
      await recorder.close();
    }
  });

  it('declares what the modal says on submit (title, type, severity, private, drill) and confirms ephemerally', async () => {
    await openDeclareModal();
    const reply = await bot.emu.submitView({
      user: bot.lead.id,
      values: { Title: 'Fake press release site', Description: 'A look-alike domain is serving our logo', Type: 'disinformation', Severity: 'sev2', Options: ['drill'] },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('');
    await bot.rampart.idle();
    const { incident, events } = await timelineOf(bot);
    expect(incident).toMatchObject({
      title: 'Fake press release site',
      description: 'A look-alike domain is serving our logo',
      type: 'disinformation',
      severity: 'sev2',
      private: false,
      drill: true,
      reporterId: bot.lead.id,
    });
    expect(events[0]).toMatchObject({ kind: 'incident_declared', source: 'slack-modal' });
    expect(bot.emu.channelById(incident.channelId!)?.name).toBe('drill-inc-1-fake-press-release-site');
    const confirmation = ephemeralMessagesFor(bot, bot.lead).at(-1)!;
    expect(confirmation).toMatchObject({ channel: bot.general.id, via: 'api' });
    expect(confirmation.text).toMatch(/INC-1\* is declared \(sev2, public\)/);
  });

  it('keeps the private box ticked by default', async () => {
    await openDeclareModal();
    await bot.emu.submitView({ user: bot.lead.id, values: { Title: 'Stolen badge' } });
    await bot.rampart.idle();
    expect((await timelineOf(bot)).incident).toMatchObject({ title: 'Stolen badge', private: true, drill: false, type: 'other', severity: 'sev3' });
  });

  it.each([
    ['a blank title', { Title: '   ' }, 'title', /needs a title/],
    ['a group mention in the description', { Title: 'Odd mail', Description: 'Tell <!channel> now' }, 'description', /group mention/],
    ['a group mention in the title', { Title: 'Tell <!here> now' }, 'title', /title contains a group mention/],
  ])('answers %s with an inline error on that field and stores nothing', async (_name, values, block, message) => {
    const view = await openDeclareModal();
    const reply = await bot.emu.submitView({ user: bot.lead.id, values });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ response_action: 'errors', errors: { [block]: expect.stringMatching(message) } });
    const shown = bot.emu.views().find((v) => v.id === view.id)!;
    expect(shown.closed).toBe(false);
    expect(Object.keys(shown.errors ?? {})).toEqual([block]);
    await bot.rampart.idle();
    expect(await bot.rampart.core.list(CLI, 'all')).toEqual([]);
    expect(bot.emu.callsTo('conversations.create')).toHaveLength(0);
  });
});

describe('the "Report as incident" message shortcut', () => {
  it('opens the form pre-filled from the message and records the message as the incident’s source', async () => {
    const message = bot.emu.postAsUser(bot.staff.id, bot.general.id, 'Has anyone else got a password reset mail from "IT support"?\nIt links to a weird domain.');
    const reply = await bot.emu.messageShortcut({ user: bot.staff.id, channel: bot.general.id, ts: message.ts, callbackId: 'report_message' });
    expect(reply.status).toBe(200);
    await bot.rampart.idle();

    const view = bot.emu.openView(bot.staff.id)!;
    const blocks = JSON.stringify(view.view.blocks);
    expect(blocks).toContain('Reported message: Has anyone else got a password reset mail from \\"IT support\\"?');
    // The permalink is added by views.update once fetched.
    expect(blocks).toContain(permalink(bot.general.id, message.ts));
    expect(bot.emu.callsTo('views.update')).toHaveLength(1);

    await bot.emu.submitView({ user: bot.staff.id, values: { Type: 'phishing', Severity: 'sev2' } });
    await bot.rampart.idle();
    const { incident, events } = await timelineOf(bot);
    expect(incident).toMatchObject({ title: 'Reported message: Has anyone else got a password reset mail from "IT support"?', type: 'phishing', reporterId: bot.staff.id });
    const declared = events.find((e) => e.kind === 'incident_declared')!;
    expect(declared.source).toBe('slack-shortcut');
    expect(declared.payload.sourceMessage).toEqual({
      channel: bot.general.id,
      ts: message.ts,
      author: bot.staff.id,
      text: message.text,
      permalink: permalink(bot.general.id, message.ts),
    });
    // The declaration happened now; the reported message is its own event, at the time it was posted.
    expect(declared.occurredAt).toEqual(incident.declaredAt);
    const reported = events.find((e) => e.kind === 'message_reported')!;
    expect(reported.payload).toEqual(declared.payload.sourceMessage);
    expect(reported.occurredAt.getTime()).toBe(Math.round(Number(message.ts) * 1000));
    expect(events[0]!.kind).toBe('message_reported');
    expect(ephemeralMessagesFor(bot, bot.staff).at(-1)?.text).toMatch(/INC-1\* is declared/);
  });

  it('stores nothing until the form is submitted', async () => {
    const message = bot.emu.postAsUser(bot.staff.id, bot.general.id, 'Weird popup on my laptop');
    await bot.emu.messageShortcut({ user: bot.staff.id, channel: bot.general.id, ts: message.ts, callbackId: 'report_message' });
    await bot.rampart.idle();
    expect(bot.emu.openView(bot.staff.id)).toBeDefined();
    expect(await allEvents(bot)).toEqual([]);
    expect(await bot.rampart.core.list(CLI, 'all')).toEqual([]);
  });
});
