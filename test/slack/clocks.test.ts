// Notification clocks through the real Bolt app and the Slack emulator: `/incident clocks … start` (back-dated with a
// reason), the commander's overdue notices by direct message, once however often the sweep runs, the card's loud line,
// `notified` from the keyboard, the list (a private incident by reference only to outsiders), and bad input as a
// specific ephemeral reply with nothing written.
import { describe, expect, it } from 'vitest';
import type { EmuUser } from '../../src/sandbox/emulator/types.js';
import { CLI, channelOf, ephemeralMessagesFor, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const bot = useTestBot({ env: { TIMEZONE: 'Europe/Paris' } });

const lastEphemeral = (user: EmuUser) => ephemeralMessagesFor(bot, user).at(-1)!;
const directMessages = (user: EmuUser) =>
  bot.emu.allMessages().filter((m) => !m.ephemeral && (bot.emu.channelById(m.channel) as { is_im?: boolean; members: string[] } | undefined)?.is_im && bot.emu.channelById(m.channel)!.members.includes(user.id));
const clockEvents = async () => (await timelineOf(bot)).events.filter((e) => e.kind.startsWith('clock_'));

/** A private data-leak INC-1 with alice in command. */
async function leak(alice: EmuUser) {
  const declared = await bot.incident('declare Customer export on a public bucket --sev2 --type data-leak');
  if (!declared.text.includes('INC-1')) throw new Error(`${declared.status} ${declared.text}`);
  await bot.rampart.core.assignRole(CLI, 'INC-1', 'commander', alice.id);
  await bot.rampart.idle();
}

describe('/incident clocks', () => {
  it('starts a back-dated NIS2 clock; its passed deadlines reach the commander once each, and the card says so loudly', async () => {
    const alice = bot.emu.user('alice');
    await leak(alice);
    await bot.incident('clocks INC-1 start nis2 significant-service at 80h ago the CSIRT phoned on Monday <urgent>');
    const started = lastEphemeral(bot.lead).text;
    expect(started).toContain(':stopwatch: *INC-1*: NIS2 Art. 23 clock started');
    expect(started).toContain('Early warning to the CSIRT or competent authority by');
    const [event] = await clockEvents();
    expect(event).toMatchObject({ kind: 'clock_started', payload: { regime: 'nis2', backdated: true, reason: 'the CSIRT phoned on Monday <urgent>', why: 'a significant service' } });

    // The sweep, as often as the scheduler likes: the early warning (24 h) and the notification (72 h) are overdue.
    for (let n = 0; n < 3; n += 1) await bot.rampart.runScheduledPosts();
    await bot.rampart.idle();
    const notices = directMessages(alice).filter((m) => m.text.includes('OVERDUE'));
    expect(notices.map((m) => m.text.replace(/<!date[^>]*>/, 'DATE'))).toEqual([
      ':rotating_light: *OVERDUE: INC-1* · NIS2 Art. 23: Early warning to the CSIRT or competent authority was due DATE and no notice is recorded.',
      ':rotating_light: *OVERDUE: INC-1* · NIS2 Art. 23: Incident notification was due DATE and no notice is recorded.',
    ]);
    expect((await clockEvents()).filter((e) => e.kind === 'clock_deadline_missed')).toHaveLength(2);
    const channel = await channelOf(bot);
    const card = bot.emu.allMessages().find((m) => m.channel === channel.id && JSON.stringify(m.blocks ?? []).includes('NOTIFICATION OVERDUE'));
    expect(card).toBeDefined();

    // The notice from the keyboard: the words after `to` are whom, escaped when shown.
    await bot.incident('clocks INC-1 notified nis2 early-warning ref CSIRT-42 to CERT-FR <duty desk>', alice, await channelOf(bot));
    expect(lastEphemeral(alice).text).toMatch(/^:white_check_mark: \*INC-1\*: NIS2 Art. 23 · Early warning to the CSIRT or competent authority: notice to CERT-FR &lt;duty desk&gt; at .* recorded \(after the deadline: recorded as late\)\.$/);
    expect((await clockEvents()).at(-1)).toMatchObject({ kind: 'clock_notified', actor: alice.id, payload: { deadline: 'early-warning', to: 'CERT-FR <duty desk>', reference: 'CSIRT-42', late: true } });
  });

  it('lists the clocks; an outsider sees the private incident’s reference only and may not start one', async () => {
    const alice = bot.emu.user('alice');
    await leak(alice);
    await bot.incident('clocks INC-1 start gdpr personal-data');
    await bot.incident('clocks INC-1');
    const list = lastEphemeral(bot.lead);
    expect(list.text).toBe('Notification clocks of *INC-1*: 1');
    expect(JSON.stringify(list.blocks)).toContain('*GDPR Art. 33* · aware since');
    expect(JSON.stringify(list.blocks)).toContain('Notify the supervisory authority · due');

    await bot.incident('clocks', bot.staff);
    const outside = lastEphemeral(bot.staff);
    expect(JSON.stringify(outside.blocks)).toContain('*INC-1* · :lock: a notification clock of a private incident');
    expect(JSON.stringify(outside.blocks)).not.toContain('GDPR');
    await bot.incident('clocks INC-1 stop gdpr', bot.staff);
    expect(lastEphemeral(bot.staff).text).toBe(':warning: Only its commander and responders can start, record or stop this incident’s notification clocks. Ask your security lead to add you to RESPONDERS.');
    expect((await clockEvents()).map((e) => e.kind)).toEqual(['clock_started']);
  });

  it('answers bad input with what to type, and writes nothing', async () => {
    const alice = bot.emu.user('alice');
    await leak(alice);
    await bot.incident('clocks INC-1 start');
    expect(lastEphemeral(bot.lead).text).toContain('Name the regime to start');
    await bot.incident('clocks INC-1 start gdpr at 2h ago');
    expect(lastEphemeral(bot.lead).text).toContain('Awareness is back-dated: say why');
    await bot.incident('clocks INC-1 start gdpr because reasons');
    expect(lastEphemeral(bot.lead).text).toContain('a reason only follows a back-dated `at &lt;when&gt;`');
    await bot.incident('clocks INC-1 notified gdpr CNIL');
    expect(lastEphemeral(bot.lead).text).toContain('Say to whom the notice went, last, after `to`');
    await bot.incident('clocks INC-1 pause gdpr');
    expect(lastEphemeral(bot.lead).text).toContain('I don\'t know "pause"');
    expect(await clockEvents()).toEqual([]);
  });
});
