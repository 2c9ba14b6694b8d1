// The file-wide bot (useTestBot) between tests: what one test leaves behind, the next never sees. The second test
// checks what the first left, so the two run in this order (vitest runs a file's tests one after the other).
import { describe, expect, it } from 'vitest';
import { allEvents, CLI } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const bot = useTestBot();
let before: { lead: string; staff: string; general: string; incidents: string; carol: string; side: string };

describe('useTestBot', () => {
  it('lets a test leave incidents, people, channels, messages, modals and faults behind', async () => {
    await bot.incident('declare Leftover incident --sev2 --type phishing');
    await bot.incident('declare');
    const carol = bot.emu.user('carol');
    const side = bot.emu.channel('side-channel');
    bot.emu.postAsUser(carol.id, side.id, 'left behind');
    bot.emu.injectFault({ method: 'chat.postMessage', kind: 'slack_error', error: 'fatal_error', times: 5 });
    expect(await allEvents(bot)).not.toHaveLength(0);
    expect(bot.emu.views()).toHaveLength(1);
    before = { lead: bot.lead.id, staff: bot.staff.id, general: bot.general.id, incidents: bot.incidents.id, carol: carol.id, side: side.id };
  });

  it('starts the next test as a fresh bot would, with the configured people and channels under their ids', async () => {
    expect(await bot.rampart.core.list(CLI, 'all')).toEqual([]);
    expect([bot.emu.allMessages(), bot.emu.views(), bot.emu.files(), bot.emu.calls]).toEqual([[], [], [], []]);
    expect(bot.emu.people().map((u) => u.id)).toEqual([before.lead, before.staff]);
    expect(bot.emu.channels().map((c) => c.id)).toEqual([before.general, before.incidents]);
    expect(bot.general.members).toEqual(expect.arrayContaining([bot.lead.id, bot.staff.id]));
    // New people and channels never reuse an id the bot may still remember.
    expect(bot.emu.user('carol').id).not.toBe(before.carol);
    expect(bot.emu.channel('side-channel').id).not.toBe(before.side);
    // Numbering restarts and the dropped fault does not fire: the announcement goes out.
    await bot.incident('declare Fresh incident --sev2 --type phishing');
    expect((await bot.rampart.core.list(CLI, 'all')).map(({ incident }) => incident.ref)).toEqual(['INC-1']);
    expect(bot.emu.messages(bot.incidents.id).filter((m) => m.text.includes('INC-1'))).not.toHaveLength(0);
  });
});
