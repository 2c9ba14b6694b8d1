// The reporter hears the verdict, through the real Bolt app and the Slack emulator: a direct message when their report
// is declined, resolved or closed, with the outcome in plain words and a thank-you, exactly once per change (a refused
// repeat adds nothing, a lost Slack answer is found before posting again), and none when they made the change.
import { beforeEach, describe, expect, it } from 'vitest';
import type { EmuMessage, EmuUser } from '../../src/sandbox/emulator/types.js';
import { CLI } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

// The outbox's waits move this clock instead of sleeping; it starts at the real time, as Slack's request signatures need.
let now = Date.now();
const bot = useTestBot({ now: () => now, sleep: async (ms) => void (now += ms) });
beforeEach(() => {
  now = Date.now();
});

/** The bot's direct messages to a user. */
function dmsTo(user: EmuUser): EmuMessage[] {
  return bot.emu.allMessages().filter((m) => m.channel.startsWith('D') && m.user === bot.emu.botUser.id && bot.emu.channelById(m.channel)?.members.includes(user.id));
}

describe('the reporter hears the verdict', () => {
  it('a declined report: one direct message with the outcome, the reason and thanks (on a private incident too)', async () => {
    await bot.incident('declare Odd email from the bank', bot.staff);
    expect((await bot.incident('status INC-1 declined a genuine newsletter, not phishing')).status).toBe(200);
    const [dm, ...more] = dmsTo(bot.staff);
    expect(more).toHaveLength(0);
    expect(dm!.text).toContain('*INC-1*, was looked at and declined');
    expect(dm!.text).toContain('a genuine newsletter, not phishing');
    expect(dm!.text).toContain('Thank you for reporting it');
    // Asking for the same change again is refused, and tells nobody anything.
    await expect(bot.rampart.core.changeStatus(CLI, 'INC-1', 'declined', 'again')).rejects.toThrow(/declined/);
    await bot.rampart.idle();
    expect(dmsTo(bot.staff)).toHaveLength(1);
  });

  it('resolved and closed: one message each, even when Slack posted one but its answer was lost', async () => {
    await bot.incident('declare Laptop left on a train --type lost-device', bot.staff);
    // Both posts of the change (the channel's, then the reporter's) land but their answers are lost.
    bot.emu.injectFault({ method: 'chat.postMessage', kind: 'reset', handled: true, times: 2 });
    await bot.incident('status INC-1 resolved');
    await bot.rampart.outbox.drain();
    const dm = dmsTo(bot.staff)[0]!;
    expect(bot.emu.callsTo('conversations.history').some((c) => c.params.channel === dm.channel)).toBe(true);
    await bot.incident('status INC-1 closed');
    const texts = dmsTo(bot.staff).map((m) => m.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('has been resolved');
    expect(texts[1]).toContain('is now closed');
  });

  it('says nothing to a reporter who made the change themselves', async () => {
    await bot.incident('declare Phishing wave on the newsroom --type phishing');
    await bot.incident('status INC-1 resolved');
    await bot.incident('status INC-1 closed');
    expect(dmsTo(bot.lead)).toHaveLength(0);
  });

  it('tells a drill’s reporter it was a drill', async () => {
    await bot.incident('declare Tabletop: lost phone --type lost-device --drill', bot.staff);
    await bot.incident('status INC-1 resolved');
    const [dm] = dmsTo(bot.staff);
    expect(dm!.text).toMatch(/DRILL/);
    expect(dm!.text).toContain('This was a drill');
  });
});
