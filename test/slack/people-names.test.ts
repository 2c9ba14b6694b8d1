// People's names come from Slack: the bot notices the users of each request after the ack and caches what users.info
// says, so reports name them. Real Bolt, signed requests, the emulator's users.info.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/core/reports/formats/index.js';
import { userIdsIn } from '../../src/slack/listeners/people-seen.js';
import { collect } from '../support/report-fixture.js';
import { startTestBot, type TestBot } from '../support/slack.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.close();
});

describe('people seen in Slack', () => {
  it('caches the names of the caller and of people mentioned, after the reply, and reports show them', async () => {
    await bot.incident('declare Suspicious login --sev2 --type phishing');
    await bot.incident(`assign INC-1 comms <@${bot.staff.id}|staff>`);
    await bot.rampart.idle();
    const names = await bot.rampart.core.people.names([bot.lead.id, bot.staff.id]);
    // The emulator's users.info gives display names as Slack does (profile.display_name).
    expect(names).toEqual(new Map([[bot.lead.id, 'lead'], [bot.staff.id, 'staff']]));
    const { source } = await bot.rampart.core.report({ id: 'cli', source: 'cli' }, 'INC-1');
    const md = await collect(renderReport('md', source));
    expect(md).toContain(`| lead (${bot.lead.id}) | reporter`);
    expect(md).toContain(`comms: staff (${bot.staff.id})`);
  });

  it('notices nobody for a refused request, so a malformed one still writes nothing', async () => {
    const carol = bot.emu.user('carol');
    await bot.incident('frobnicate INC-1', carol);
    await bot.incident(`note INC-99 seen by <@${carol.id}|carol>`, carol);
    await bot.rampart.idle();
    expect(bot.emu.callsTo('users.info').filter((c) => c.params.user === carol.id)).toEqual([]);
    expect(await bot.rampart.core.people.names([carol.id])).toEqual(new Map());
  });

  it('finds user ids in commands, actions, events and mentions', () => {
    expect(userIdsIn({ user_id: 'U0AAA0001', text: 'assign INC-1 comms <@U0BBB0002|bob>' })).toEqual(['U0AAA0001', 'U0BBB0002']);
    expect(userIdsIn({ user: { id: 'U0CCC0003' } })).toEqual(['U0CCC0003']);
    expect(userIdsIn({ event: { user: 'U0DDD0004', item_user: 'W0EEE0005' } })).toEqual(['U0DDD0004', 'W0EEE0005']);
    expect(userIdsIn({ user_id: 'not-a-user' })).toEqual([]);
  });
});
