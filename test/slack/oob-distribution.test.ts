// The out-of-band plan distributed before it is needed, through the real Bolt app and the Slack emulator: the
// schedule posts the plan in the awareness channel without its phrase and with an Acknowledge button; pressing it is
// recorded once; the next slot reminds only the member who has not acknowledged; and in a comms-compromise incident
// `/incident oob` sends each person "switch to the plan you acknowledged" or "call the commander", never the plan.
import { afterEach, describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/sandbox/emulator/types.js';
import { ephemeralMessagesFor } from '../support/slack-state.js';
import { startTestBot, type TestBot } from '../support/slack.js';
import { oobPlanAcks } from '../../src/db/schema.js';

const PLAN_TEXT = ['the heron waits at low tide', '+44 20 7946', 'Newsroom IR', 'Room 3.14'];
let bot: TestBot;
let offset = 0;
afterEach(async () => {
  await bot.close();
});

const everything = (m: Pick<EmuMessage, 'text' | 'blocks'>) => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;
const dmsTo = (userId: string) => bot.emu.allMessages().filter((m) => m.channel.startsWith('D') && bot.emu.channelById(m.channel)?.members.includes(userId) && m.user === bot.emu.botUser.id);

async function start() {
  offset = 0;
  // Slots every five minutes, so one is always near; Bolt checks signatures against the real clock.
  bot = await startTestBot({
    now: () => Date.now() + offset,
    env: (emu) => ({ AWARENESS_CHANNELS: emu.channel('staff').id, OOB_PLAN_FILE: 'docs/examples/oob-plan.yaml', OOB_PLAN_CRON: '*/5 * * * *', ADMINS: '' }),
  });
  const staff = bot.emu.channelByName('staff')!;
  for (const u of [bot.lead, bot.staff]) if (!staff.members.includes(u.id)) staff.members.push(u.id);
  return staff;
}

describe('the out-of-band plan, distributed', () => {
  it('is posted without its phrase, acknowledged once, and the next slot reminds only who has not acknowledged', async () => {
    const staff = await start();
    await bot.rampart.core.oob.runDue();
    await bot.rampart.idle();
    const planPosts = () => bot.emu.messages(staff.id).filter((m) => !m.ephemeral && m.user === bot.emu.botUser.id && m.text.startsWith('Our out-of-band plan'));
    const posts = planPosts();
    expect(posts.map((m) => m.text)).toHaveLength(1);
    const post = everything(posts[0]!);
    expect(post).toContain('Our out-of-band plan');
    expect(post).toContain('+44 20 7946 0101');
    expect(post).toContain('Cyber insurer: Example Mutual cyber claims line');
    expect(post).not.toContain('heron');

    await bot.emu.clickButton({ user: bot.lead.id, label: 'Acknowledge', channel: staff.id });
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Acknowledge', channel: staff.id });
    await bot.rampart.idle();
    const { version } = await bot.rampart.core.oob.current();
    expect(ephemeralMessagesFor(bot, bot.lead).map((m) => m.text)).toEqual([
      `:white_check_mark: Thank you: you acknowledged version \`${version}\` of the out-of-band plan.`,
      `:information_source: You had already acknowledged version \`${version}\`.`,
    ]);
    expect(await bot.database.db.select().from(oobPlanAcks)).toEqual([expect.objectContaining({ userId: bot.lead.id, version })]);

    offset += 5 * 60_000;
    await bot.rampart.core.oob.runDue();
    await bot.rampart.idle();
    expect(dmsTo(bot.lead.id)).toEqual([]);
    const [reminder, ...more] = dmsTo(bot.staff.id);
    expect(more).toEqual([]);
    expect(reminder!.text).toContain(`You have not acknowledged our out-of-band plan (version \`${version}\`), posted in <#${staff.id}>`);
    // The same version is not posted again.
    expect(planPosts()).toHaveLength(1);
  });

  it('a comms-compromise incident’s /incident oob sends only "switch to the plan you acknowledged" or "call the commander"', async () => {
    const staff = await start();
    await bot.rampart.core.oob.runDue();
    await bot.rampart.idle();
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Acknowledge', channel: staff.id });
    const declared = await bot.incident('declare Slack admin account taken over --type comms-compromise');
    if (!declared.text.includes('INC-1')) throw new Error(declared.text);
    await bot.rampart.idle();
    await bot.incident(`assign INC-1 commander <@${bot.lead.id}|lead>`);
    const channel = bot.emu.channelById((await bot.rampart.core.show({ id: 'cli', source: 'cli' }, 'INC-1')).incident.channelId!)!;
    channel.members.push(bot.staff.id);
    await bot.incident('oob INC-1 admin account used from an unknown device');
    await bot.rampart.idle();
    const [toLead] = dmsTo(bot.lead.id).filter((m) => m.text.includes('switch to the out-of-band plan'));
    expect(everything(toLead!)).toContain('Switch to the plan you acknowledged on <!date^');
    const [toStaff] = dmsTo(bot.staff.id).filter((m) => m.text.includes('switch to the out-of-band plan'));
    expect(everything(toStaff!)).toContain(`Call the incident commander (<@${bot.lead.id}>) by phone`);
    for (const m of [...dmsTo(bot.lead.id), ...dmsTo(bot.staff.id)]) for (const piece of PLAN_TEXT) expect(everything(m)).not.toContain(piece);
  });
});
