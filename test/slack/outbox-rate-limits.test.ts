// A burst of declares against an emulator that enforces Slack's rate-limit tiers (conversations.create Tier 2 at 20 a
// minute, conversations.invite Tier 3, chat.postMessage about one a second per channel): the outbox paces itself and
// waits out every Retry-After, so every channel ends set up and every announcement posted exactly once. The 429s it
// provoked are counted. Time is a fake clock the worker's sleeps move: nothing waits in real time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/slack.js';
import { CLI } from '../support/slack-state.js';

const DECLARES = 25;

let now = Date.now();
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => now, sleep: async (ms) => void (now += ms), rateLimits: true });
});
afterAll(() => bot.close());

const refused = () => bot.emu.calls.filter((c) => c.status === 429);

describe('a burst of declares under Slack rate limits', () => {
  it('ends with every channel set up and every announcement posted once, after waiting out the 429s', async () => {
    const start = now;
    const replies = await Promise.all(
      Array.from({ length: DECLARES }, (_, i) => bot.emu.slashCommand({ user: bot.lead.id, channel: bot.general.id, command: '/incident', text: `declare Burst ${i + 1}` })),
    );
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
    // One channel per incident, none doubled by a retry.
    expect(bot.emu.callsTo('conversations.create').filter((c) => c.response.ok === true)).toHaveLength(DECLARES);

    // Tier 2 lets 20 channels through in the first minute, so Slack had to refuse some; the worker waited (fake time).
    const byMethod: Record<string, number> = {};
    for (const c of refused()) byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
    expect(byMethod['conversations.create'] ?? 0).toBeGreaterThan(0);
    // Each set-up over the limit is refused about once: the retry waits what Retry-After says instead of guessing.
    expect(byMethod['conversations.create']).toBeLessThanOrEqual(2 * (DECLARES - 20));
    expect(now - start).toBeGreaterThanOrEqual(60_000);
    // Reported for the benchmark notes: how many 429s the burst provoked, by method, and the fake time it took.
    console.info(`${DECLARES} declares: ${refused().length} 429s`, byMethod, `${Math.round((now - start) / 1000)} s`);
  });
});
