// Request signing: Slack's published known-answer vector against Bolt's verifier and our emulator's signer, then
// the running bot refusing forged and replayed requests before anything is written.
import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../src/sandbox/emulator/signing.js';
import { haveSlackCorpora, readSlackCorpus } from '../support/corpora.js';
import { allEvents, channelOf, CLI } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

interface SigningVector {
  signing_secret: string;
  x_slack_request_timestamp: string;
  raw_body: string;
  x_slack_signature: string;
}

const HAVE_CORPORA = haveSlackCorpora('signing known-answer test');

describe.skipIf(!HAVE_CORPORA)('Slack’s signing test vector', () => {
  const vector = () => readSlackCorpus<SigningVector>('signing-test-vector.json');
  const verify = (v: SigningVector, overrides: { signature?: string; body?: string; nowSeconds?: number } = {}) =>
    verifySlackRequest({
      signingSecret: v.signing_secret,
      body: overrides.body ?? v.raw_body,
      headers: { 'x-slack-signature': overrides.signature ?? v.x_slack_signature, 'x-slack-request-timestamp': Number(v.x_slack_request_timestamp) },
      // The vector dates from 2018: the clock is injected a minute after it, as Slack would have received it.
      nowMilliseconds: (overrides.nowSeconds ?? Number(v.x_slack_request_timestamp) + 60) * 1000,
    });

  it('is accepted by Bolt’s verifier with the clock set to its time', () => {
    expect(() => verify(vector())).not.toThrow();
  });

  it('is refused by Bolt’s verifier when one byte of the body changes, or on today’s clock', () => {
    const v = vector();
    expect(() => verify(v, { body: v.raw_body.replace('roadrunner', 'roadrunnez') })).toThrow(/signature mismatch/i);
    expect(() => verify(v, { nowSeconds: Math.floor(Date.now() / 1000) })).toThrow(/stale/i);
  });

  it('is reproduced exactly by the emulator’s signer', () => {
    const v = vector();
    expect(signSlackRequest(v.signing_secret, Number(v.x_slack_request_timestamp), v.raw_body)).toBe(v.x_slack_signature);
    expect(signSlackRequest(`${v.signing_secret}x`, Number(v.x_slack_request_timestamp), v.raw_body)).not.toBe(v.x_slack_signature);
  });
});

describe('the running bot refuses unsigned, forged, stale and replayed requests', () => {
  const fixedNow = Date.now();
  // A fixed clock near real time: Bolt checks the signature's age against the real clock, our guard against this one.
  const bot = useTestBot({ now: () => fixedNow });

  /** A signed-looking slash command that would declare INC-2 if it got through. */
  function declareForm(): string {
    return new URLSearchParams({
      token: 'x',
      team_id: bot.emu.teamId,
      api_app_id: bot.emu.appId,
      channel_id: bot.general.id,
      user_id: bot.lead.id,
      command: '/incident',
      text: 'declare Forged request --sev1 --public',
      response_url: `${bot.emu.apiUrl}unused`,
      trigger_id: '1.2.3',
    }).toString();
  }

  /** A pin_added event that would copy a message into INC-1's timeline if it got through. */
  function pinEvent(channel: string, ts: string): string {
    return JSON.stringify({
      type: 'event_callback',
      team_id: bot.emu.teamId,
      api_app_id: bot.emu.appId,
      event_id: 'EvFORGED1',
      event_time: Math.floor(fixedNow / 1000),
      event: {
        type: 'pin_added',
        user: bot.lead.id,
        channel_id: channel,
        item: { type: 'message', channel, message: { type: 'message', user: bot.lead.id, text: 'forged copy', ts } },
        event_ts: `${Math.floor(fixedNow / 1000)}.000001`,
      },
    });
  }

  const nowSeconds = Math.floor(fixedNow / 1000);
  const cases: { name: string; signing: (secret: string, body: string) => { timestampSeconds: number; signature: string } }[] = [
    { name: 'a forged signature', signing: (_secret, body) => ({ timestampSeconds: nowSeconds, signature: signSlackRequest('not-the-secret', nowSeconds, body) }) },
    { name: 'a garbage signature header', signing: () => ({ timestampSeconds: nowSeconds, signature: 'v0=deadbeef' }) },
    { name: 'a stale timestamp (6 minutes old)', signing: (secret, body) => ({ timestampSeconds: nowSeconds - 360, signature: signSlackRequest(secret, nowSeconds - 360, body) }) },
    { name: 'a timestamp 6 minutes in the future', signing: (secret, body) => ({ timestampSeconds: nowSeconds + 360, signature: signSlackRequest(secret, nowSeconds + 360, body) }) },
  ];

  it.each(cases)('answers $name with 401 and writes nothing', async ({ signing }) => {
    await bot.incident('declare Existing incident --sev3 --public');
    const channel = await channelOf(bot);
    const message = bot.emu.postAsUser(bot.lead.id, channel.id, 'would be copied');
    const eventsBefore = await allEvents(bot);
    const callsBefore = bot.emu.calls.length;
    const messagesBefore = bot.emu.allMessages().length;

    for (const [body, contentType] of [
      [declareForm(), 'application/x-www-form-urlencoded'],
      [pinEvent(channel.id, message.ts), 'application/json'],
    ] as const) {
      const reply = await bot.emu.sendRaw({ body, contentType, ...signing(bot.signingSecret, body) });
      expect(reply.status).toBe(401);
    }
    await bot.rampart.idle();

    expect((await bot.rampart.core.list(CLI, 'all')).map((v) => v.incident.ref)).toEqual(['INC-1']);
    expect(await allEvents(bot)).toEqual(eventsBefore);
    expect(bot.emu.calls.length).toBe(callsBefore);
    expect(bot.emu.allMessages().length).toBe(messagesBefore);
  });

  it('accepts the same requests correctly signed at the current time (so the refusals above are about signing)', async () => {
    await bot.incident('declare Existing incident --sev3 --public');
    const channel = await channelOf(bot);
    const message = bot.emu.postAsUser(bot.lead.id, channel.id, 'would be copied');
    const event = await bot.emu.sendRaw({ body: pinEvent(channel.id, message.ts), contentType: 'application/json' });
    expect(event.status).toBe(200);
    const slash = await bot.emu.sendRaw({ body: declareForm(), contentType: 'application/x-www-form-urlencoded' });
    expect(slash.status).toBe(200);
    await bot.rampart.idle();
    expect((await bot.rampart.core.list(CLI, 'all')).map((v) => v.incident.ref).sort()).toEqual(['INC-1', 'INC-2']);
    expect((await allEvents(bot)).some((e) => e.kind === 'message_pinned' && e.payload.text === 'forged copy')).toBe(true);
  });

  it('refuses a validly signed request sent again (a replay) with 401, and runs it once', async () => {
    const body = declareForm();
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await bot.emu.sendRaw({ body, contentType: 'application/x-www-form-urlencoded' }));
    expect(replies.map((r) => r.status)).toEqual([200, 401, 401]);
    await bot.rampart.idle();
    expect((await bot.rampart.core.list(CLI, 'all')).map((v) => v.incident.ref)).toEqual(['INC-1']);

    // The same for an event: the copy is refused before Bolt, so the pin is copied once.
    const channel = await channelOf(bot);
    const message = bot.emu.postAsUser(bot.lead.id, channel.id, 'copied once');
    const pin = pinEvent(channel.id, message.ts);
    const eventsBefore = (await allEvents(bot)).length;
    const pinned = [await bot.emu.sendRaw({ body: pin, contentType: 'application/json' }), await bot.emu.sendRaw({ body: pin, contentType: 'application/json' })];
    expect(pinned.map((r) => r.status)).toEqual([200, 401]);
    await bot.rampart.idle();
    expect((await allEvents(bot)).filter((e) => e.kind === 'message_pinned')).toHaveLength(1);
    expect((await allEvents(bot)).length).toBe(eventsBefore + 1);
  });

  it('accepts the same body signed anew at another time (as Slack signs each delivery, retries included)', async () => {
    const body = declareForm();
    const first = await bot.emu.sendRaw({ body, contentType: 'application/x-www-form-urlencoded' });
    const resigned = await bot.emu.sendRaw({ body, contentType: 'application/x-www-form-urlencoded', timestampSeconds: nowSeconds - 1, signature: signSlackRequest(bot.signingSecret, nowSeconds - 1, body) });
    expect([first.status, resigned.status]).toEqual([200, 200]);
  });

  it('accepts a timestamp 4 minutes off either way (inside Slack’s 5-minute window)', async () => {
    for (const offset of [-240, 240]) {
      const body = new URLSearchParams({ team_id: bot.emu.teamId, api_app_id: bot.emu.appId, command: '/incident', text: 'help', user_id: bot.lead.id, channel_id: bot.general.id, trigger_id: '1.2.3', response_url: 'http://127.0.0.1:1/x' }).toString();
      const ts = nowSeconds + offset;
      const reply = await bot.emu.sendRaw({ body, contentType: 'application/x-www-form-urlencoded', timestampSeconds: ts, signature: signSlackRequest(bot.signingSecret, ts, body) });
      expect(reply.status).toBe(200);
      expect((reply.json as { text: string }).text).toContain('/incident declare');
    }
  });
});
