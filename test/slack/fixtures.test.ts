// Real Slack payloads (bolt-python's scenario fixtures) replayed at the running bot, signed with its secret: what we
// handle routes to our listeners; what we don't is still acknowledged at once, so Slack never shows an error. The
// fixtures name their own workspace (T111, org E111) and app (A111): as they are, they are another installation's
// requests and are acked with nothing done; moved into the emulator's workspace, they reach our listeners.
import { beforeEach, describe, expect, it } from 'vitest';
import { haveSlackCorpora, payloadFixtureNames, readSlackCorpus } from '../support/corpora.js';
import { allEvents, CLI, requestCalls } from '../support/slack-state.js';
import { warningLog } from '../support/warnings.js';
import { useTestBot } from '../support/slack.js';
import { inOurWorkspace } from '../support/workspace.js';

type Obj = Record<string, unknown>;

const HAVE_CORPORA = haveSlackCorpora('payload fixture replay');
/** Slack wants every request answered within 3 seconds; an unhandled one must not wait for Bolt's 3 s timeout. */
const QUICK_MS = 2_000;

describe.skipIf(!HAVE_CORPORA)('Slack payload fixtures replayed at the bot', () => {
  const log = warningLog();
  const warnings = log.warnings;
  const bot = useTestBot({ logger: log.logger });
  beforeEach(() => {
    // Each test counts its own warnings: cleared after the bot's reset, which lets the last test's work finish first.
    warnings.length = 0;
  });

  /** A fixture moved into the emulator's workspace and app. */
  const fixture = (name: string) => inOurWorkspace(readSlackCorpus<Obj | string>(`payload-fixtures/${name}`));
  /** Sends an interaction payload form-encoded, as Slack does; returns the reply and how long it took. */
  async function sendPayload(payload: Obj) {
    const started = performance.now();
    const reply = await bot.emu.sendRaw({ body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' });
    return { reply, ms: performance.now() - started };
  }
  async function sendJson(body: Obj) {
    const started = performance.now();
    const reply = await bot.emu.sendRaw({ body: JSON.stringify(body), contentType: 'application/json' });
    return { reply, ms: performance.now() - started };
  }

  it('has the fixtures this file replays', () => {
    expect(payloadFixtureNames()).toEqual(
      expect.arrayContaining([
        'test_events_url_verification__event_body.json',
        'test_slash_command__slash_command_body.json',
        'test_block_actions__body.json',
        'test_view_submission__body.json',
        'test_view_closed__body.json',
        'test_shortcut__global_shortcut_body.json',
        'test_shortcut__message_shortcut_body.json',
        'test_message__message_body.json',
      ]),
    );
  });

  it('echoes the url_verification challenge', async () => {
    const body = fixture('test_events_url_verification__event_body.json') as Obj;
    const { reply } = await sendJson(body);
    expect(reply.status).toBe(200);
    expect(JSON.stringify(reply.json ?? reply.body)).toContain(String(body.challenge));
  });

  it('acks each fixture as it is (another workspace’s request) with nothing done, and logs it', async () => {
    const names = payloadFixtureNames().filter((n) => n !== 'test_events_url_verification__event_body.json');
    for (const name of names) {
      const original = readSlackCorpus<Obj | string>(`payload-fixtures/${name}`);
      const asIs = typeof original === 'string' ? new URLSearchParams(original) : undefined;
      asIs?.set('command', '/incident');
      asIs?.set('text', 'declare From another workspace --sev1');
      const reply = asIs
        ? await bot.emu.sendRaw({ body: asIs.toString(), contentType: 'application/x-www-form-urlencoded' })
        : (original as Obj).event !== undefined
          ? (await sendJson(original as Obj)).reply
          : (await sendPayload(original as Obj)).reply;
      expect(reply.status, name).toBe(200);
      if (asIs) expect((reply.json as { text: string }).text).toMatch(/installed for another Slack workspace or app, so nothing was done/);
    }
    await bot.rampart.idle();
    expect(await bot.rampart.core.list(CLI, 'all')).toEqual([]);
    expect(requestCalls(bot)).toEqual([]);
    expect(warnings).toHaveLength(names.length);
    expect(warnings.every((w) => /another workspace or app refused.*(workspace T|org E|app A)/.test(w)), warnings.join('\n')).toBe(true);
  });

  it('routes the slash-command fixture, rewritten to /incident help, to our command', async () => {
    const form = new URLSearchParams(fixture('test_slash_command__slash_command_body.json') as string);
    expect(form.get('command')).toBe('/hello-world');
    form.set('command', '/incident');
    form.set('text', 'help');
    const reply = await bot.emu.sendRaw({ body: form.toString(), contentType: 'application/x-www-form-urlencoded' });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ response_type: 'ephemeral' });
    expect((reply.json as { text: string }).text).toContain('/incident declare');
  });

  it('routes the slash-command fixture with its text to our parser (an unknown subcommand gets a specific reply)', async () => {
    const form = new URLSearchParams(fixture('test_slash_command__slash_command_body.json') as string);
    form.set('command', '/incident');
    const reply = await bot.emu.sendRaw({ body: form.toString(), contentType: 'application/x-www-form-urlencoded' });
    expect(reply.status).toBe(200);
    expect((reply.json as { text: string }).text).toMatch(/I don't know `\/incident Hi`/);
  });

  it.each([
    ['test_block_actions__body.json'],
    ['test_view_submission__body.json'],
    ['test_view_submission__connect_channel_payload.json'],
    ['test_view_submission__response_url_payload_body.json'],
    ['test_view_closed__body.json'],
    ['test_shortcut__global_shortcut_body.json'],
    ['test_shortcut__message_shortcut_body.json'],
  ])('acks %s (a callback we do not handle) with 200 at once and stores nothing', async (name) => {
    const { reply, ms } = await sendPayload(fixture(name) as Obj);
    expect(reply.status).toBe(200);
    expect(ms).toBeLessThan(QUICK_MS);
    await bot.rampart.idle();
    expect(await bot.rampart.core.list(CLI, 'all')).toEqual([]);
    expect(requestCalls(bot)).toEqual([]);
  });

  it.each([['test_message__message_body.json'], ['test_message__message_body2.json'], ['test_message__message_body3.json']])(
    'acks the message event %s with 200 at once',
    async (name) => {
      const { reply, ms } = await sendJson(fixture(name) as Obj);
      expect(reply.status).toBe(200);
      expect(ms).toBeLessThan(QUICK_MS);
    },
  );

  it('routes the message-shortcut fixture, rewritten to report_message, to our shortcut (which opens the form)', async () => {
    const payload = fixture('test_shortcut__message_shortcut_body.json') as Obj & { message: Obj; channel: Obj };
    const channel = bot.general;
    const posted = bot.emu.postAsUser(bot.staff.id, channel.id, 'Got a weird invoice link from a vendor');
    const rewritten = {
      ...payload,
      callback_id: 'report_message',
      user: { id: bot.staff.id, name: bot.staff.name },
      channel: { id: channel.id, name: channel.name },
      message_ts: posted.ts,
      message: { ...payload.message, text: posted.text, user: bot.staff.id, ts: posted.ts },
    };
    const { reply } = await sendPayload(rewritten);
    expect(reply.status).toBe(200);
    await bot.rampart.idle();
    // The fixture's trigger_id was never issued by this workspace, so Slack refuses it; the attempt shows the routing.
    const open = bot.emu.callsTo('views.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.params.trigger_id).toBe(payload.trigger_id);
    expect(open[0]!.response).toMatchObject({ ok: false, error: 'invalid_trigger_id' });
    expect(await allEvents(bot)).toEqual([]);
  });

  it('routes a view_submission fixture, rewritten to the declare modal, to our handler (which declares)', async () => {
    const payload = fixture('test_view_submission__body.json') as Obj & { view: Obj };
    const view = {
      ...payload.view,
      callback_id: 'declare_incident',
      private_metadata: '',
      state: {
        values: {
          title: { title_input: { type: 'plain_text_input', value: 'Fixture-shaped declaration' } },
          severity: { severity_select: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'sev2' }, value: 'sev2' } } },
        },
      },
    };
    const { reply } = await sendPayload({ ...payload, user: { id: bot.lead.id, name: bot.lead.name }, view });
    expect(reply.status).toBe(200);
    await bot.rampart.idle();
    const [declared] = await bot.rampart.core.list(CLI, 'all');
    expect(declared?.incident).toMatchObject({ title: 'Fixture-shaped declaration', severity: 'sev2', reporterId: bot.lead.id });
  });
});
