// Plain regression tests for what the fuzzers found, each named after the bug, plus the hand-written classics
// (unsigned, stale, not JSON) and a positive control showing the fuzzers' "nothing written" check can fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../src/sandbox/emulator/signing.js';
import type { BotRequest } from '../../src/sandbox/emulator/transport.js';
import { decodeStepMetadata } from '../../src/slack/blocks/step-modals.js';
import { parseStepValue } from '../../src/slack/blocks/checklist.js';
import { CALLBACK } from '../../src/slack/ids.js';
import { parseIncidentCommand } from '../../src/slack/parse/command.js';
import { envelopeProblem } from '../../src/slack/parse/envelope.js';
import { FOREIGN_FORM } from '../../src/slack/parse/view-metadata.js';
import { expectHandled, startFuzzBot, type FuzzBot } from './harness.js';

describe('parsers', () => {
  it('keeps the whole correction when the number also appears inside the reference (`INC-12 2 …` lost its first word)', () => {
    expect(parseIncidentCommand('correct INC-12 2 the laptop was wiped')).toEqual({ sub: 'correct', ref: 'INC-12', seq: 2, text: 'the laptop was wiped' });
    expect(parseIncidentCommand('correct INC-1 1 <@U123> did it')).toEqual({ sub: 'correct', ref: 'INC-1', seq: 1, text: '<@U123> did it' });
  });

  it('refuses numbers past the integer columns instead of sending them to the database', () => {
    expect(() => parseIncidentCommand('correct INC-1 #99999999999 text')).toThrow(/`\/incident correct`/);
    expect(parseStepValue('99999999999:1:1')).toBeUndefined();
    expect(parseStepValue('12:3:4')).toEqual({ runId: 12, step: 3, seenVersion: 4 });
    expect(() => decodeStepMetadata('{"runId":1e20,"step":1,"seenVersion":1}')).toThrow(/malformed/);
    expect(decodeStepMetadata('{"runId":3,"step":1,"seenVersion":2,"channel":"C1"}')).toEqual({ runId: 3, step: 1, seenVersion: 2, channel: 'C1' });
  });

  it('names what a body lacks, and passes what Slack sends', () => {
    expect(envelopeProblem(null)).toMatch(/not an object/);
    expect(envelopeProblem({ type: 'event_callback', event: { type: 'reaction_added', user: null } })).toMatch(/event\.user/);
    expect(envelopeProblem({ type: 'block_actions', user: { id: 'U1' }, actions: [] })).toMatch(/actions/);
    expect(envelopeProblem({ command: '/incident', user_id: 'U1', channel_id: 'C1', trigger_id: 't', text: 'a\u0000b' })).toMatch(/U\+0000/);
    expect(envelopeProblem({ type: 'event_callback', event: { type: 'pin_added', channel_id: '\udfff' } })).toMatch(/lone surrogate/);
    expect(envelopeProblem({ command: '/incident', user_id: 'U1', channel_id: 'C1', trigger_id: 't', text: 'fire 🔥 ok' })).toBeUndefined();
    expect(envelopeProblem({ command: '/incident', user_id: 'U1', channel_id: 'C1', trigger_id: 't', text: 'help', response_url: 'https://hooks.slack.com/x' })).toBeUndefined();
    expect(envelopeProblem({ type: 'url_verification', challenge: 'c' })).toBeUndefined();
    // Bolt reads authorizations[0].team_id to pick the installation: `[null]` threw before any listener.
    expect(envelopeProblem({ type: 'event_callback', event: { type: 'reaction_added' }, authorizations: [null] })).toMatch(/authorizations/);
    expect(envelopeProblem({ type: 'event_callback', event: { type: 'reaction_added' }, authorizations: [{ team_id: 'T1', enterprise_id: null }] })).toBeUndefined();
    // A response_url of another scheme parses as a URL but made respond() fail in fetch ("unknown scheme").
    expect(envelopeProblem({ command: '/incident', user_id: 'U1', channel_id: 'C1', trigger_id: 't', text: 'help', response_url: ' TYPE:x  ' })).toMatch(/response_url/);
    expect(envelopeProblem({ command: '/incident', user_id: 'U1', channel_id: 'C1', trigger_id: 't', text: 'help', response_url: 'http://127.0.0.1:3000/r' })).toBeUndefined();
    // Bolt reads response_urls.length off any body: null was a 500 even for a callback id nobody listens to.
    expect(envelopeProblem({ type: 'view_submission', user: { id: 'U1' }, view: { callback_id: 'x', private_metadata: '', state: { values: {} } }, response_urls: null })).toMatch(/response_urls/);
  });
});

describe('the running bot', () => {
  let f: FuzzBot;
  beforeAll(async () => {
    f = await startFuzzBot();
  }, 60_000);
  afterAll(async () => {
    await f?.close();
  });

  const form = (entries: Record<string, string>): BotRequest => ({ body: new URLSearchParams(entries).toString(), contentType: 'application/x-www-form-urlencoded' });
  // In our workspace, so each reaches the listener whose crash it once caused.
  const payload = (p: unknown): BotRequest => form({ payload: JSON.stringify(typeof p === 'object' && p !== null ? { team: { id: f.bot.emu.teamId }, api_app_id: f.bot.emu.appId, ...p } : p) });
  const json = (b: unknown): BotRequest => ({ body: JSON.stringify(typeof b === 'object' && b !== null ? { team_id: f.bot.emu.teamId, api_app_id: f.bot.emu.appId, ...b } : b), contentType: 'application/json' });
  const command = (fields: Record<string, string>) =>
    form({ command: '/incident', team_id: f.bot.emu.teamId, api_app_id: f.bot.emu.appId, user_id: f.bot.staff.id, channel_id: f.bot.general.id, trigger_id: '1.2.3', ...fields });
  const view = (callbackId: string, metadata: string) =>
    payload({ type: 'view_submission', user: { id: f.bot.lead.id }, trigger_id: '1.2.3', view: { id: 'V1', callback_id: callbackId, private_metadata: metadata, state: { values: {} } } });

  /** Sends the request, expects it handled cleanly with nothing written, and returns the reply. */
  async function sendClean(request: BotRequest) {
    const before = await f.rowCounts();
    f.clearProblems();
    const reply = await f.send(request);
    expectHandled(f, reply);
    expect(await f.rowCounts()).toEqual(before);
    return reply;
  }

  it('answers a JSON body of `null`, and `payload=null`, with 400 (it hung, with an unhandled rejection in Bolt)', async () => {
    expect((await sendClean({ body: 'null', contentType: 'application/json' })).status).toBe(400);
    expect((await sendClean(form({ payload: 'null' }))).status).toBe(400);
    expect((await sendClean({ body: '[]', contentType: 'application/json' })).status).toBe(400);
  });

  it('answers a body past the 1 MiB limit (src/slack/request-body.ts) with 413', async () => {
    expect((await sendClean(form({ payload: JSON.stringify({ type: 'block_actions', pad: 'x'.repeat(5 * 1024 * 1024) }) }))).status).toBe(413);
  });

  it('answers a payload that is not JSON with 400', async () => {
    expect((await sendClean(form({ payload: '{not json' }))).status).toBe(400);
  });

  it('answers unsigned and stale requests with 401', async () => {
    const body = new URLSearchParams({ command: '/incident', user_id: f.bot.lead.id, channel_id: f.bot.general.id, trigger_id: 't', text: 'declare Forged --sev1' }).toString();
    const now = Math.floor(Date.now() / 1000);
    expect((await sendClean({ body, contentType: 'application/x-www-form-urlencoded', signature: '' })).status).toBe(401);
    expect((await sendClean({ body, contentType: 'application/x-www-form-urlencoded', timestampSeconds: now - 600, signature: signSlackRequest(f.bot.signingSecret, now - 600, body) })).status).toBe(401);
  });

  it('answers a slash command without text (or with it twice) with a clear reply (it crashed reading text.split)', async () => {
    for (const request of [command({}), { ...command({}), body: `${command({}).body}&text=a&text=b` }]) {
      const reply = await sendClean(request);
      expect(reply.status).toBe(200);
      expect((reply.json as { text: string }).text).toMatch(/not in the form Slack sends/);
    }
  });

  it('refuses a slash command carrying U+0000 with a clear reply (Postgres cannot store it)', async () => {
    const reply = await sendClean(command({ text: 'declare Printer\u0000 on fire --sev3' }));
    expect((reply.json as { text: string }).text).toMatch(/not in the form Slack sends/);
  });

  it('ignores pin and reaction events whose item, user or channel is missing, null or unstorable (a TypeError, or a 500)', async () => {
    const envelope = (event: unknown) => json({ type: 'event_callback', team_id: f.bot.emu.teamId, event_id: 'EvREG1', event });
    for (const event of [
      { type: 'reaction_added', user: 'U1', reaction: 'pushpin' },
      { type: 'reaction_added', user: 'U1', reaction: 'pushpin', item: '  ' },
      { type: 'reaction_added', user: null, reaction: 'pushpin', item: { type: 'message', channel: f.incidentChannel, ts: '1.2' } },
      { type: 'pin_added', user: 'U1', channel_id: f.incidentChannel },
      { type: 'pin_added', user: 'U1', channel: null },
      // Half a surrogate pair failed the database query with a 500.
      { type: 'pin_added', user: 'U1', channel_id: '\udfff', item: { type: 'message', channel: '\udfff', message: { text: 'x', ts: '1.2' } } },
    ]) {
      expect((await sendClean(envelope(event))).status).toBe(200);
    }
  });

  it('refuses step, review and promote submissions whose metadata is not Rampart’s, next to a field (they crashed)', async () => {
    for (const [callbackId, metadata] of [
      [CALLBACK.stepDone, 'garbage'],
      [CALLBACK.stepSkip, '{"runId":1e20,"step":1,"seenVersion":1}'],
      [CALLBACK.review, '{"ref":{"x":1}}'],
      [CALLBACK.promoteLesson, 'null'],
    ] as const) {
      const reply = await sendClean(view(callbackId, metadata));
      expect(JSON.stringify(reply.json)).toContain(FOREIGN_FORM);
    }
  });

  it('refuses a declare-modal submission whose metadata is JSON `null` next to the title, writing nothing (it crashed with a 500)', async () => {
    const reply = await sendClean(view(CALLBACK.declareModal, 'null'));
    expect(reply.json).toEqual({ response_action: 'errors', errors: { title: expect.stringMatching(/title/i) } });
  });

  it('acks a view submission whose response_urls is null (Bolt read its length: a 500)', async () => {
    const reply = await sendClean(payload({ type: 'view_submission', user: { id: f.bot.staff.id }, view: { callback_id: 'nobody', private_metadata: '', state: { values: {} } }, response_urls: null }));
    expect(reply.status).toBe(200);
  });

  it('acks a global shortcut that borrows the report-message callback id (it crashed reading shortcut.message)', async () => {
    const reply = await sendClean(payload({ type: 'shortcut', user: { id: f.bot.staff.id }, callback_id: CALLBACK.reportMessageShortcut, trigger_id: '1.2.3' }));
    expect(reply.status).toBe(200);
    expect(f.bot.emu.callsTo('views.open')).toEqual([]);
  });

  it('survives a refused button without a response_url (respond is not a function)', async () => {
    const reply = await sendClean(payload({ type: 'block_actions', user: { id: f.bot.staff.id }, trigger_id: '1.2.3', actions: [{ type: 'button', action_id: 'playbook_start', value: 'INC-1' }] }));
    expect(reply.status).toBe(200);
  });

  it('acks a refused button whose response_url is not http(s) with nothing done (respond failed in fetch: "unknown scheme")', async () => {
    const reply = await sendClean(payload({ type: 'block_actions', user: { id: f.bot.staff.id }, trigger_id: '1.2.3', response_url: ' TYPE:x  ', actions: [{ type: 'button', action_id: 'playbook_start', value: '  ' }] }));
    expect(reply.status).toBe(200);
  });

  it('writes for a well-formed declaration through the same path (so the fuzzers’ "nothing written" check can fail)', async () => {
    const before = await f.rowCounts();
    f.clearProblems();
    const reply = await f.send(command({ user_id: f.bot.lead.id, text: 'declare Positive control --sev3 --private', response_url: `${f.bot.emu.apiUrl}nowhere` }));
    expect(reply.status).toBe(200);
    expect((await f.rowCounts()).incidents).toBe(before.incidents! + 1);
  });
});
