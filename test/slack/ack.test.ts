// Slack drops a slash command whose HTTP reply takes over 3 seconds. Every reply therefore goes out with the ack,
// before any slow Web API work; and a Slack failure after the ack never loses what is already stored.
import { describe, expect, it } from 'vitest';
import type { EmuUser } from '../../src/sandbox/emulator/types.js';
import { channelOf, ephemeralMessagesFor, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const SLACK_ACK_LIMIT_MS = 3_000;
const SLOW_MS = 1_500;

const bot = useTestBot();

/** Runs a command without waiting for follow-up work; returns the reply and when it arrived (emulator clock). */
async function command(text: string, as: EmuUser = bot.lead) {
  const started = Date.now();
  const reply = await bot.emu.slashCommand({ user: as.id, channel: bot.general.id, command: '/incident', text });
  const arrived = Date.now();
  return { reply, arrived, tookMs: arrived - started, text: (reply.json as { text?: string } | undefined)?.text ?? '' };
}

/** The slow call, once it has completed: it must have finished after the reply arrived. */
async function slowCall(method: string) {
  await bot.rampart.idle();
  const call = bot.emu.callsTo(method).at(-1);
  expect(call, `${method} was called`).toBeDefined();
  return call!;
}

describe('the slash command reply does not wait for a slow Web API', () => {
  it('declare: replies before the slow conversations.create, while the channel does not exist yet', async () => {
    bot.emu.injectFault({ method: 'conversations.create', kind: 'delay', ms: SLOW_MS });
    const { reply, arrived, tookMs, text } = await command('declare Ransom note on the file server --sev1');
    expect(reply.status).toBe(200);
    expect(text).toMatch(/INC-1\* is recorded/);
    expect(tookMs).toBeLessThan(SLACK_ACK_LIMIT_MS);
    // At the moment the reply arrived, Slack had not created the channel yet.
    expect(bot.emu.channelByName('inc-1')).toBeUndefined();
    expect(bot.emu.callsTo('conversations.create')).toHaveLength(0);
    // The incident itself was already stored.
    expect((await timelineOf(bot)).incident.title).toBe('Ransom note on the file server');

    const create = await slowCall('conversations.create');
    expect(create.at).toBeGreaterThanOrEqual(arrived);
    expect(bot.emu.channelByName('inc-1')).toBeDefined();
    expect(ephemeralMessagesFor(bot, bot.lead).at(-1)?.text).toMatch(/INC-1\* is declared/);
  });

  it('status: replies before the slow post in the incident channel', async () => {
    await bot.incident('declare Website defaced --sev2 --public');
    const channel = await channelOf(bot);
    const postsBefore = bot.emu.messages(channel.id).length;
    bot.emu.injectFault({ method: 'chat.postMessage', kind: 'delay', ms: SLOW_MS });
    const { reply, arrived, tookMs, text } = await command('status INC-1 investigating');
    expect(reply.status).toBe(200);
    expect(text).toMatch(/status: triage → \*investigating\*/);
    expect(tookMs).toBeLessThan(SLACK_ACK_LIMIT_MS);
    expect(bot.emu.messages(channel.id)).toHaveLength(postsBefore);
    expect((await slowCall('chat.postMessage')).at).toBeGreaterThanOrEqual(arrived);
    expect(bot.emu.messages(channel.id)).toHaveLength(postsBefore + 1);
  });

  it('assign: replies before the slow invite', async () => {
    await bot.incident('declare Website defaced --sev2 --public');
    const carol = bot.emu.user('carol');
    bot.emu.injectFault({ method: 'conversations.invite', kind: 'delay', ms: SLOW_MS });
    const { tookMs, arrived } = await command(`assign INC-1 commander <@${carol.id}|carol>`);
    // The ack comes at once; Slack is asked whether carol exists after it, and the answer follows by response_url.
    expect(tookMs).toBeLessThan(SLACK_ACK_LIMIT_MS);
    expect((await channelOf(bot)).members).not.toContain(carol.id);
    expect((await slowCall('conversations.invite')).at).toBeGreaterThanOrEqual(arrived);
    expect((await channelOf(bot)).members).toContain(carol.id);
    expect(ephemeralMessagesFor(bot, bot.lead).at(-1)!.text).toContain('is now *commander*');
  });

  it('declare with no text: acks before the slow views.open', async () => {
    bot.emu.injectFault({ method: 'views.open', kind: 'delay', ms: SLOW_MS });
    const { reply, arrived, tookMs } = await command('declare');
    expect(reply.status).toBe(200);
    expect(tookMs).toBeLessThan(SLACK_ACK_LIMIT_MS);
    expect(bot.emu.openView(bot.lead.id)).toBeUndefined();
    expect((await slowCall('views.open')).at).toBeGreaterThanOrEqual(arrived);
    expect(bot.emu.openView(bot.lead.id)).toBeDefined();
  });
});

describe('Slack failing after the ack', () => {
  it('a 500 from chat.postMessage on the announcement keeps the incident and records the failure', async () => {
    // The channel's first message and the announcement go out side by side (each in its own channel's lane), so both
    // first posts fail: each failure is recorded, and neither loses the incident.
    bot.emu.injectFault({ method: 'chat.postMessage', kind: 'http_error', status: 500, times: 2 });
    const reply = await bot.incident('declare Website defaced --sev2 --type defacement --public');
    expect(reply.status).toBe(200);

    const { incident, events } = await timelineOf(bot);
    expect(incident).toMatchObject({ title: 'Website defaced', status: 'triage' });
    expect(incident.channelId).not.toBeNull();
    expect(events.slice(0, 2).map((e) => e.kind)).toEqual(['incident_declared', 'channel_created']);
    expect(events.slice(2).map((e) => e.kind).sort()).toEqual(['members_invited', 'slack_call_failed', 'slack_call_failed']);
    expect(events.filter((e) => e.kind === 'slack_call_failed').map((e) => e.payload).find((p) => p.action === 'announcing it')).toMatchObject({
      error: expect.stringMatching(/500/),
    });
    expect(bot.emu.messages(bot.incidents.id)).toHaveLength(0);
expect(ephemeralMessagesFor(bot, bot.lead).at(-1)?.text).toMatch(/INC-1\* is declared[\s\S]*saved, but in Slack: [\s\S]*announcing it failed .*, it will be retried/);
  });
});
