// Follow-ups through the real Bolt app and the Slack emulator: `/incident followups` in its three scopes (a private
// incident by reference only to outsiders), the Done and Reassign buttons, and the owner's daily reminder with its own
// Done button, sent once however often the scheduler runs.
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EmuUser } from '../../src/sandbox/emulator/types.js';
import { CLI, ephemeralMessagesFor, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

// Bolt checks a request's signature age against the real clock, so the bot's clock is the real one, moved by `offset`
// only between requests; reminders go out every five minutes here, so a slot is always near.
let offset = 0;
const bot = useTestBot({ now: () => Date.now() + offset, env: { TIMEZONE: 'Europe/Paris', FOLLOWUP_REMINDER_CRON: '*/5 * * * *' } });
beforeEach(() => {
  offset = 0;
});

const parisDay = (days: number) => DateTime.now().setZone('Europe/Paris').plus({ days }).toISODate()!;
/** Overdue whenever the test runs (even just after midnight), and one far off. */
const OVERDUE = parisDay(-1);
const LATER = parisDay(30);

/** Declares a private INC-1 and saves its review with two action items owned by alice (one overdue). */
async function incidentWithReview(alice: EmuUser) {
  const declared = await bot.incident('declare Payroll spreadsheet shared by link --sev3 --type data-leak');
  if (!declared.text.includes('INC-1')) throw new Error(`${declared.status} ${declared.text}`);
  await bot.rampart.core.reviews.save(CLI, 'INC-1', {
    summary: 'A payroll sheet was shared by link.',
    impact: '',
    rootCause: '',
    wentWell: '',
    wentWrong: '',
    lessons: '',
    actionItems: [
      { text: 'Turn off link sharing for <finance>', owner: alice.id, due: OVERDUE },
      { text: 'Audit shared drives', owner: alice.id, due: LATER },
    ],
  });
}

const lastEphemeral = (user: EmuUser) => ephemeralMessagesFor(bot, user).at(-1)!;
const directMessages = (user: EmuUser) =>
  bot.emu.allMessages().filter((m) => !m.ephemeral && (bot.emu.channelById(m.channel) as { is_im?: boolean; members: string[] } | undefined)?.is_im && bot.emu.channelById(m.channel)!.members.includes(user.id));
const followupEvents = async () => (await timelineOf(bot)).events.filter((e) => e.kind.startsWith('followup_'));

describe('/incident followups', () => {
  it('lists an incident’s follow-ups with Done and Reassign; an outsider sees the private incident’s reference only', async () => {
    const alice = bot.emu.user('alice');
    await incidentWithReview(alice);
    await bot.incident('followups INC-1', bot.lead);
    const list = lastEphemeral(bot.lead);
    expect(list.text).toBe('Follow-ups of *INC-1*: 2 open of 2');
    const blocks = JSON.stringify(list.blocks);
    // The text people typed is escaped; the owner is a mention; overdue is said.
    expect(blocks).toContain(`*INC-1* · *due ${OVERDUE} (overdue)* · <@${alice.id}> · Turn off link sharing for &lt;finance&gt;`);
    expect(blocks).toContain(`*INC-1* · due ${LATER} · <@${alice.id}> · Audit shared drives`);
    expect(blocks.match(/"Done"/g)).toHaveLength(2);
    expect(blocks.match(/"Reassign"/g)).toHaveLength(2);

    // staff is neither a responder nor taking part: the private incident is shown by reference only, without buttons.
    await bot.incident('followups', bot.staff, bot.general);
    const outside = lastEphemeral(bot.staff);
    expect(outside.text).toBe('Open follow-ups: 2 open of 2');
    expect(JSON.stringify(outside.blocks)).not.toMatch(/link sharing|Audit|Done|Reassign/);
    expect(JSON.stringify(outside.blocks)).toContain('*INC-1* · :lock: a follow-up of a private incident · open');
    await bot.incident('followups INC-1', bot.staff, bot.general);
    expect(lastEphemeral(bot.staff).text).toContain('INC-1 is private');

    // alice owns them, so she takes part: `mine` shows hers in full.
    await bot.incident('followups mine', alice, bot.general);
    expect(JSON.stringify(lastEphemeral(alice).blocks)).toContain('Audit shared drives');
    await bot.incident('followups INC-1 extra', alice, bot.general);
    expect(lastEphemeral(alice).text).toContain('/incident followups mine');
  });

  it('Done marks it done with its event; Reassign opens a person picker and hands it over', async () => {
    const alice = bot.emu.user('alice');
    await incidentWithReview(alice);
    await bot.incident('followups INC-1', bot.lead, bot.general);
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Done', near: 'Turn off link sharing' });
    await bot.rampart.idle();
    expect(lastEphemeral(bot.lead).text).toBe(':white_check_mark: Done: INC-1 follow-up “Turn off link sharing for &lt;finance&gt;”.');

    await bot.emu.clickButton({ user: bot.lead.id, label: 'Reassign', near: 'Audit shared drives' });
    await bot.rampart.idle();
    const view = bot.emu.openView(bot.lead.id)!.view;
    expect(view).toMatchObject({ callback_id: 'followup_reassign', title: { text: 'Reassign follow-up' } });
    const reply = await bot.emu.submitView({ user: bot.lead.id, values: { 'Who takes it over?': bot.staff.id } });
    await bot.rampart.idle();
    expect(reply.status).toBe(200);
    expect(bot.emu.openView(bot.lead.id)).toBeUndefined();
    // The new owner is told by direct message, once.
    expect(directMessages(bot.staff).map((m) => m.text)).toEqual([`<@${bot.lead.id}> gave you a follow-up of *INC-1*: Audit shared drives. \`/incident followups mine\` lists yours.`]);
    expect((await followupEvents()).map((e) => [e.kind, e.source, e.payload.to ?? null])).toEqual([
      ['followup_added', 'cli', null],
      ['followup_added', 'cli', null],
      ['followup_done', 'slack-button', null],
      ['followup_reassigned', 'slack-modal', bot.staff.id],
    ]);
    // The same Done again says it is already done, and changes nothing.
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Done', near: 'Turn off link sharing' });
    await bot.rampart.idle();
    expect(lastEphemeral(bot.lead).text).toBe(':information_source: That INC-1 follow-up is already done.');
    expect(await followupEvents()).toHaveLength(4);
  });
});

describe('due reminders', () => {
  it('sends the owner one direct message a day listing what is overdue, whose Done button works, however often the scheduler runs', async () => {
    const alice = bot.emu.user('alice');
    await incidentWithReview(alice);
    // The sweep several times in one slot, then in the next slots of the same day: the day's message is the one sent.
    for (const minutes of [0, 0, 6, 12]) {
      offset = minutes * 60_000;
      await bot.rampart.runScheduledPosts();
    }
    offset = 0;
    await bot.rampart.idle();
    const reminders = directMessages(alice).filter((m) => m.text.includes('due or overdue'));
    expect(reminders.map((m) => m.text)).toEqual([':alarm_clock: You have 1 follow-up due or overdue.']);
    expect(JSON.stringify(reminders[0]!.blocks)).toContain(`*INC-1* · *due ${OVERDUE} (overdue)* · Turn off link sharing`);
    expect(JSON.stringify(reminders[0]!.blocks)).not.toContain('Audit shared drives');
    await bot.emu.clickButton({ user: alice.id, label: 'Done', channel: reminders[0]!.channel });
    await bot.rampart.idle();
    expect(lastEphemeral(alice).text).toContain(':white_check_mark: Done: INC-1 follow-up');
    expect((await followupEvents()).at(-1)).toMatchObject({ kind: 'followup_done', actor: alice.id });
  });
});
