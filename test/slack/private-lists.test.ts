// Lists of many private incidents: membership costs one Slack call per user whatever the number of incidents, a
// member's incident is shown, and when Slack cannot say, the list says it may be incomplete and nothing is cached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { EmuUser } from '../../src/sandbox/emulator/types.js';
import { startTestBot, type TestBot } from '../support/slack.js';

const PRIVATE_INCIDENTS = 150;
const CLI = { id: 'cli', source: 'cli' } as const;

let bot: TestBot;
// Near the real time: Bolt checks request timestamps against it.
let now = Date.now();
let outsider: EmuUser;
let member: EmuUser;
beforeAll(async () => {
  bot = await startTestBot({ now: () => now });
  outsider = bot.emu.user('outsider');
  member = bot.emu.user('member');
  // The 150 declarations' Slack set-ups (channels, cards, pins) are not what this file tests, and the tests below time a
  // Slack look-up that must not share the process with delivering them: the outbox worker is stopped, so they stay queued.
  await bot.rampart.outbox.stop();
  for (let n = 1; n <= PRIVATE_INCIDENTS; n++) {
    const { incident } = await bot.rampart.core.declare(CLI, { title: `Secret matter ${n}`, type: 'account-compromise', private: true });
    // Each incident gets its own private channel, as the bot makes them; the member is in INC-7's only.
    const channel = bot.emu.channel(`inc-${n}`, { is_private: true });
    if (n === 7) bot.emu.channelById(channel.id)!.members.push(member.id);
    await bot.database.db.execute(sql`update incidents set channel_id = ${channel.id} where id = ${incident.id}`);
  }
}, 120_000);
afterAll(async () => {
  await bot.close();
});

/** Runs `/incident list all` and returns the reply's text and blocks as one string, with the Slack calls it made. */
async function listAll(as: EmuUser): Promise<{ reply: string; calls: string[] }> {
  const before = bot.emu.calls.length;
  const res = await bot.emu.slashCommand({ user: as.id, channel: bot.general.id, command: '/incident', text: 'list all' });
  const lookups = () => bot.emu.calls.slice(before).map((c) => c.method).filter((m) => m === 'users.conversations' || m === 'conversations.members');
  // On a loaded machine the look-up's time limit (it must leave the ack in time) can pass before its request reaches
  // the emulator; the request still arrives, so wait for it rather than read the log at once.
  const calls = await bot.emu.waitFor(() => lookups().length > 0 && lookups());
  expect(res.status).toBe(200);
  return { reply: res.body, calls };
}

describe('/incident list all with many private incidents', () => {
  it('costs one users.conversations call for an outsider and shows nothing private', async () => {
    const { reply, calls } = await listAll(outsider);
    expect(calls).toEqual(['users.conversations']);
    expect(reply).not.toContain('Secret matter');
    expect(reply).toContain('INC-150');
  });

  it('shows a member the incident whose channel they are in, and only that one', async () => {
    const { reply, calls } = await listAll(member);
    expect(calls).toEqual(['users.conversations']);
    expect(reply).toContain('Secret matter 7');
    expect(reply.match(/Secret matter/g)).toHaveLength(1);
  });

  it('when Slack cannot say, hides nothing silently: the list says it may be incomplete, and the failure is not cached', async () => {
    now += 120_000;
    bot.emu.injectFault({ method: 'users.conversations', kind: 'rate_limited', retryAfterSeconds: 30 });
    const failed = await listAll(member);
    expect(failed.calls).toEqual(['users.conversations']);
    expect(failed.reply).not.toContain('Secret matter');
    expect(failed.reply).toContain('Slack did not say which incident channels you are in');
    // A single incident says so too, rather than calling the member an outsider.
    const shown = await bot.emu.slashCommand({ user: member.id, channel: bot.general.id, command: '/incident', text: 'show INC-7' });
    expect(shown.body).toContain('Slack did not say whether you are in INC-7’s channel');
    // Once Slack answers again (the failure is remembered for a few seconds only), the member sees INC-7.
    now += 6_000;
    const again = await listAll(member);
    expect(again.calls).toEqual(['users.conversations']);
    expect(again.reply).toContain('Secret matter 7');
    expect(again.reply).not.toContain('Slack did not say');
  });

  it('answers within the ack budget when Slack is slow, saying the list may be incomplete', async () => {
    now += 120_000;
    // Slower than the look-up may take: the command still acks in time (the emulator would answer 'timeout' after 3 s).
    bot.emu.injectFault({ method: 'users.conversations', kind: 'delay', ms: 2_500 });
    const slow = await listAll(member);
    expect(slow.reply).toContain('Slack did not say which incident channels you are in');
    expect(slow.reply).not.toContain('Secret matter');
  });
});
