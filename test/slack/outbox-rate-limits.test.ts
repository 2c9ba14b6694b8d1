// A burst of declares against an emulator that enforces Slack's rate-limit tiers (conversations.create and pins.add
// Tier 2 at 20 a minute, conversations.invite Tier 3, chat.postMessage about one a second per channel): the outbox
// paces itself by the same published tiers, so Slack never has to refuse, and every channel ends set up and every
// announcement posted exactly once. And when Slack does refuse (a 429 it was not expected to send), the method waits out
// Retry-After and the set-up goes again without looking for a channel that cannot exist. Time is a fake clock the
// worker's sleeps move: nothing waits in real time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/slack.js';
import { CLI } from '../support/slack-state.js';

// More than Tier 2's 20 a minute, so the set-ups cannot all go in the first minute.
const DECLARES = 30;

let now = Date.now();
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => now, sleep: async (ms) => void (now += ms), rateLimits: true });
});
afterAll(() => bot.close());

const refused = () => bot.emu.calls.filter((c) => c.status === 429);
const declare = (title: string) => bot.emu.slashCommand({ user: bot.lead.id, channel: bot.general.id, command: '/incident', text: `declare ${title}` });

describe('a burst of declares under Slack rate limits', () => {
  it('is paced so Slack refuses nothing, and ends with every channel set up and every announcement posted once', async () => {
    const start = now;
    const replies = await Promise.all(Array.from({ length: DECLARES }, (_, i) => declare(`Burst ${i + 1}`)));
    expect(replies.map((r) => r.status)).toEqual(Array.from({ length: DECLARES }, () => 200));
    await bot.rampart.idle();
    await bot.rampart.outbox.drain();

    for (let n = 1; n <= DECLARES; n++) {
      const { incident } = await bot.rampart.core.show(CLI, `INC-${n}`);
      expect(incident.channelId, `INC-${n}`).toBeTruthy();
      const channel = bot.emu.channelById(incident.channelId!)!;
      expect(channel.members).toContain(bot.lead.id);
      expect(bot.emu.messages(channel.id).filter((m) => !m.ephemeral && m.text.startsWith(`INC-${n}: `))).toHaveLength(1);
      expect(bot.emu.messages(bot.incidents.id).filter((m) => !m.ephemeral && new RegExp(`\\bINC-${n}\\b`).test(m.text))).toHaveLength(1);
    }
    // One channel per incident and one pinned card each, none doubled.
    expect(bot.emu.callsTo('conversations.create').filter((c) => c.response.ok === true)).toHaveLength(DECLARES);
    expect(bot.emu.callsTo('pins.add').filter((c) => c.response.ok === true)).toHaveLength(DECLARES);

    expect(refused().map((c) => c.method)).toEqual([]);
    // No attempt was in doubt, so nothing was looked up.
    expect(bot.emu.callsTo('conversations.list')).toEqual([]);
    // Paced, not lucky: the set-ups past the first 20 waited for the next minute (fake time).
    expect(now - start).toBeGreaterThanOrEqual(60_000);
    const creates = bot.emu.callsTo('conversations.create').map((c) => c.at);
    for (let i = 20; i < creates.length; i++) expect(creates[i]! - creates[i - 20]!).toBeGreaterThanOrEqual(60_000);
  });

  it('after a 429, waits out Retry-After and sets the channel up once, without looking it up', async () => {
    bot.emu.injectFault({ method: 'conversations.create', kind: 'rate_limited', retryAfterSeconds: 90 });
    const reply = await declare('Refused once');
    expect(reply.status).toBe(200);
    await bot.rampart.idle();
    await bot.rampart.outbox.drain();

    const ref = `INC-${DECLARES + 1}`;
    const { incident, events } = await bot.rampart.core.timeline(CLI, ref);
    expect(bot.emu.channelById(incident.channelId!)?.members).toContain(bot.lead.id);
    const [refusal, ...after] = bot.emu.callsTo('conversations.create').filter((c) => c.params.name === `inc-${DECLARES + 1}`);
    expect(refusal?.status).toBe(429);
    expect(after.map((c) => c.status)).toEqual([200]);
    expect(after[0]!.at - refusal!.at).toBeGreaterThanOrEqual(90_000);
    // Refused outright, so nothing can have been made: no conversations.list, and no failure on the timeline.
    expect(bot.emu.callsTo('conversations.list')).toEqual([]);
    expect(events.filter((e) => e.kind === 'slack_call_failed')).toEqual([]);
    expect(bot.emu.messages(bot.incidents.id).filter((m) => !m.ephemeral && new RegExp(`\\b${ref}\\b`).test(m.text))).toHaveLength(1);
  });
});
