// Reminders through the real Bolt app and the emulator (which holds messages and modals to Slack's rules), with a
// clock the test moves: the update reminder's direct message and its Post update, Snooze and Stop buttons, the
// missing-commander nudge and its Take command button, the role brief someone gets for a role they took themselves,
// and the weekly stale list. `runScheduledPosts` is what the scheduler and the sandbox's `wait` run.
import { describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/sandbox/emulator/types.js';
import { channelOf, ephemeralMessagesFor, publicMessages, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

let now = Date.now();
const bot = useTestBot({ now: () => now, env: { STALE_LIST_CRON: '0 9 * * 1' } });
const CLI = { id: 'cli', source: 'cli' as const };
const MIN = 60_000;

const everything = (m: Pick<EmuMessage, 'text' | 'blocks'>) => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;
/** The direct messages the bot sent to a user, oldest first. */
const dmsTo = (userId: string): EmuMessage[] =>
  bot.emu.allMessages().filter((m) => m.channel.startsWith('D') && !m.ephemeral && bot.emu.channelById(m.channel)?.members.includes(userId) && m.user === bot.emu.botUser.id);
const reminders = (userId: string) => dmsTo(userId).filter((m) => m.text.includes('has had no update since'));
const lastEphemeral = (user = bot.lead) => ephemeralMessagesFor(bot, user).at(-1)?.text ?? '';

/** Moves the clock and runs what the scheduler would, then lets Slack work finish. */
async function wait(minutes: number) {
  now += minutes * MIN;
  await bot.rampart.runScheduledPosts();
  await bot.rampart.idle();
}

/**
 * INC-1, sev1, led by the lead, declared `ago` minutes before the real time. Through core: Bolt checks a signed
 * request's age against the real clock, so the clock is set back for what happens before the buttons are pressed.
 */
async function sev1LedByLead(ago = 30) {
  now = Date.now() - ago * MIN;
  await bot.rampart.core.declare({ id: bot.lead.id, source: 'slack-command' }, { title: 'Payroll mailbox forwarding rule', severity: 'sev1', private: false });
  await bot.rampart.core.assignRole(CLI, 'INC-1', 'commander', bot.lead.id);
  await bot.rampart.idle();
}

describe('the update reminder', () => {
  it('goes to the commander by direct message with its buttons; Snooze 30 min holds it and is on the timeline', async () => {
    await sev1LedByLead();
    await wait(29);
    expect(reminders(bot.lead.id)).toEqual([]);
    await wait(1);
    const [reminder, ...more] = reminders(bot.lead.id);
    expect(more).toEqual([]);
    expect(reminder!.text).toContain('*INC-1* (SEV1, triage) has had no update since');
    for (const label of ['Post update', 'Snooze 30 min', 'Snooze 2 h', 'Until tomorrow', 'Stop']) expect(everything(reminder!)).toContain(`"${label}"`);

    await bot.emu.clickButton({ user: bot.lead.id, label: 'Snooze 30 min', channel: reminder!.channel });
    await bot.rampart.idle();
    expect(lastEphemeral()).toContain("*INC-1*'s update reminder is snoozed until");
    expect((await timelineOf(bot)).events.at(-1)).toMatchObject({ kind: 'reminder_snoozed', actor: bot.lead.id, source: 'slack-button', payload: { choice: '30m' } });
    // Due again at +30 min (the interval) but snoozed to +60.
    await wait(29);
    expect(reminders(bot.lead.id)).toHaveLength(1);
    await wait(1);
    expect(reminders(bot.lead.id)).toHaveLength(2);
  });

  it('Post update opens a note modal whose text goes on the timeline and starts the interval again', async () => {
    await sev1LedByLead();
    await wait(30);
    const [reminder] = reminders(bot.lead.id);
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Post update', channel: reminder!.channel });
    await bot.rampart.idle();
    expect(bot.emu.openView(bot.lead.id)?.view).toMatchObject({ callback_id: 'reminder_update_note', private_metadata: 'INC-1' });
    await bot.emu.submitView({ user: bot.lead.id, values: { note: 'Rule removed; no other mailbox has one' } });
    await bot.rampart.idle();
    expect((await timelineOf(bot)).events.at(-1)).toMatchObject({ kind: 'note_added', actor: bot.lead.id, source: 'slack-modal', payload: { text: 'Rule removed; no other mailbox has one' } });
    // Without the note the next reminder would come at +60; it comes 30 minutes after the note.
    await wait(29);
    expect(reminders(bot.lead.id)).toHaveLength(1);
    await wait(1);
    expect(reminders(bot.lead.id)).toHaveLength(2);
  });

  it('Stop ends them, as a timeline event', async () => {
    await sev1LedByLead();
    await wait(30);
    const [reminder] = reminders(bot.lead.id);
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Stop', channel: reminder!.channel });
    await bot.rampart.idle();
    expect(lastEphemeral()).toContain("*INC-1*'s update reminders are stopped.");
    expect((await timelineOf(bot)).events.filter((e) => e.kind === 'reminders_stopped')).toHaveLength(1);
    await wait(24 * 60);
    expect(reminders(bot.lead.id)).toHaveLength(1);
    expect(await bot.rampart.core.reminders.nextUpdateDue(1)).toBeUndefined();
  });

  it('is snoozed and stopped by `/incident remind` as by its buttons, with the same access rule', async () => {
    await sev1LedByLead();
    now = Date.now();
    const refused = await bot.incident('remind INC-1 stop', bot.staff);
    expect(refused.text).toMatch(/Only/);
    const snoozed = await bot.incident('remind INC-1 snooze 2h');
    expect(snoozed.text).toContain("*INC-1*'s update reminder is snoozed until");
    expect((await timelineOf(bot)).events.at(-1)).toMatchObject({ kind: 'reminder_snoozed', actor: bot.lead.id, source: 'slack-command', payload: { choice: '2h' } });
    const stopped = await bot.incident('remind INC-1 stop');
    expect(stopped.text).toContain("*INC-1*'s update reminders are stopped.");
    expect(await bot.rampart.core.reminders.nextUpdateDue(1)).toBeUndefined();
    expect((await bot.incident('remind INC-1 snooze forever')).text).toContain('/incident remind INC-12 snooze 30m|2h|tomorrow');
  });

  it('stops once the incident is resolved', async () => {
    await sev1LedByLead();
    await bot.rampart.core.changeStatus(CLI, 'INC-1', 'resolved', 'rule removed, sign-ins clean');
    await wait(24 * 60);
    expect(reminders(bot.lead.id)).toEqual([]);
  });
});

describe('the missing-commander nudge', () => {
  it('is posted in the incident channel 10 minutes after the declaration; Take command makes the clicker commander, who gets the role brief', async () => {
    now = Date.now() - 10 * MIN;
    await bot.rampart.core.declare({ id: bot.staff.id, source: 'slack-command' }, { title: 'Strange sign-in prompts', severity: 'sev3' });
    await bot.rampart.idle();
    const channel = await channelOf(bot);
    channel.members.push(bot.lead.id);
    await wait(9);
    const nudges = () => publicMessages(bot, channel).filter((m) => m.text.includes('has no commander yet'));
    expect(nudges()).toEqual([]);
    await wait(1);
    expect(nudges()).toHaveLength(1);
    expect(everything(nudges()[0]!)).toContain('"Take command"');

    // The reporter is not a responder: the usual access rule refuses, and nothing changes.
    await bot.emu.clickButton({ user: bot.staff.id, label: 'Take command', channel: channel.id });
    await bot.rampart.idle();
    expect(lastEphemeral(bot.staff)).toMatch(/Only its commander and responders can assign incident roles/);
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Take command', channel: channel.id });
    await bot.rampart.idle();
    expect(lastEphemeral()).toContain('You are now *commander* of *INC-1*.');
    const { incident } = await bot.rampart.core.show(CLI, 'INC-1');
    expect(incident.commanderId).toBe(bot.lead.id);
    const [brief] = dmsTo(bot.lead.id);
    expect(everything(brief!)).toContain('You took *commander* of *INC-1*.');
    expect(everything(brief!)).toContain('As *commander* you lead the response');
    expect(everything(brief!)).toContain('Strange sign-in prompts');
    await wait(60);
    expect(nudges()).toHaveLength(1);
  });
});

describe('the weekly stale list', () => {
  it('lists a commander’s quiet incidents by direct message, once per week slot', async () => {
    await sev1LedByLead();
    await bot.rampart.core.reminders.stop(CLI, 'INC-1');
    // The first Monday 09:00 (UTC, the TIMEZONE) at least a week after the last activity.
    const monday = new Date(now + 7 * 24 * 60 * MIN);
    monday.setUTCDate(monday.getUTCDate() + ((8 - monday.getUTCDay()) % 7));
    monday.setUTCHours(9, 0, 0, 0);
    now = monday.getTime() + 10_000;
    expect((await bot.rampart.runScheduledPosts()).filter((r) => r.job === 'stale list')).toMatchObject([{ kind: 'posted' }]);
    await bot.rampart.idle();
    await wait(1);
    const lists = dmsTo(bot.lead.id).filter((m) => m.text.includes('had no activity for a week'));
    expect(lists).toHaveLength(1);
    expect(everything(lists[0]!)).toContain('*INC-1* Payroll mailbox forwarding rule (SEV1, triage)');
  });
});
