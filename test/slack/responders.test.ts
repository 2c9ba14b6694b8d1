import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { responderCheck } from '../../src/slack/responders.js';
import { createLogger } from '../../src/log.js';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';

let emu: SlackEmulator;
let client: WebClient;
beforeEach(async () => {
  emu = await SlackEmulator.start({ signingSecret: 'responders-secret', botToken: 'xoxb-r' });
  client = new WebClient('xoxb-r', { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } });
});
afterEach(async () => {
  await emu.close();
});

const logger = createLogger('silent');

describe('RESPONDERS', () => {
  it('an empty list makes everyone a responder; a list of ids only those', async () => {
    expect(await responderCheck([], client, logger)('U0ANYONE')).toBe(true);
    const check = responderCheck(['U0LEAD'], client, logger);
    expect(await check('U0LEAD')).toBe(true);
    expect(await check('U0STAFF')).toBe(false);
    expect(emu.callsTo('usergroups.users.list')).toHaveLength(0);
  });

  it('a user group is looked up in Slack and cached for five minutes', async () => {
    const lead = emu.user('lead');
    const staff = emu.user('staff');
    const group = emu.usergroup('security', [lead.id]);
    let now = 1_000_000;
    const check = responderCheck([group.id], client, logger, () => now);
    // Many questions at once (a list of private incidents) make one lookup.
    expect(await Promise.all([check(lead.id), check(staff.id), check(lead.id)])).toEqual([true, false, true]);
    expect(emu.callsTo('usergroups.users.list')).toHaveLength(1);
    group.users.push(staff.id);
    expect(await check(staff.id)).toBe(false);
    now += 5 * 60_000 + 1;
    expect(await check(staff.id)).toBe(true);
    expect(emu.callsTo('usergroups.users.list')).toHaveLength(2);
  });

  it('fails closed when Slack cannot say who is in the group', async () => {
    const lead = emu.user('lead');
    const group = emu.usergroup('security', [lead.id]);
    emu.injectFault({ method: 'usergroups.users.list', kind: 'slack_error', error: 'no_such_subteam' });
    expect(await responderCheck([group.id], client, logger)(lead.id)).toBe(false);
  });
});
