// The access rules from Slack: the same core decisions, shown as a clear ephemeral reply that changes nothing, and
// logged. A private incident's channel members see its details because Slack says they are members.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { ephemeralsFor, startTestBot, type TestBot } from '../support/slack.js';

let bot: TestBot;
afterEach(async () => {
  await bot.close();
});

/** A logger whose warnings are kept as parsed lines. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('warn', sink), lines };
}

async function eventCount(): Promise<number> {
  const rows = await bot.database.db.execute('select count(*)::int as n from timeline_events');
  return Number((rows as unknown as { rows: Array<{ n: number }> }).rows[0]!.n);
}

describe('access rules through Slack', () => {
  it('refuses a non-responder’s change with an ephemeral reply, changes nothing and logs the refusal', async () => {
    const log = capturingLogger();
    bot = await startTestBot({ logger: log.logger });
    await bot.incident('declare Odd login on the donor database --sev3 --type account-compromise');
    const before = await eventCount();
    for (const text of ['status INC-1 investigating', 'severity INC-1 sev1', `assign INC-1 scribe <@${bot.staff.id}>`, 'playbook INC-1 account-compromise', 'stats']) {
      const reply = await bot.incident(text, bot.staff);
      expect(reply.status).toBe(200);
      expect(ephemeralsFor(bot, bot.staff).at(-1)).toMatch(/Only (its commander and )?responders can|is private/);
    }
    expect(await eventCount()).toBe(before);
    const refused = log.lines.filter((l) => l.msg === 'access refused');
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(refused[0]).toMatchObject({ refusal: { actor: bot.staff.id, source: 'slack-command' } });
  });

  it('shows a private incident’s details to its channel’s members and only its reference to others', async () => {
    let now = Date.now();
    bot = await startTestBot({ now: () => now });
    await bot.incident('declare Mailbox takeover of the finance lead --sev2 --type account-compromise');
    const outsider = bot.emu.user('outsider');
    await bot.incident('show INC-1', outsider);
    expect(ephemeralsFor(bot, outsider).join('\n')).not.toContain('finance lead');
    await bot.incident('timeline INC-1', outsider);
    expect(ephemeralsFor(bot, outsider).at(-1)).toMatch(/INC-1 is private/);

    // Added to the incident's channel by hand (not through a role): Slack's member list is what counts.
    const channel = bot.emu.channelByName('inc-1')!;
    channel.members.push(outsider.id);
    // Membership is cached for a minute, so a list of many incidents asks Slack once per channel.
    await bot.incident('show INC-1', outsider);
    expect(ephemeralsFor(bot, outsider).at(-1)).not.toContain('finance lead');
    now += 61_000;
    await bot.incident('show INC-1', outsider);
    expect(ephemeralsFor(bot, outsider).at(-1)).toContain('finance lead');
  });

  it('lets the incident’s commander run it without being a responder; another member still cannot', async () => {
    bot = await startTestBot({ env: { REVIEW_REQUIRED_SEVERITIES: 'none' } });
    await bot.incident('declare Lost laptop --sev3 --type lost-device');
    await bot.incident(`assign INC-1 commander <@${bot.staff.id}>`);
    const member = bot.emu.user('member');
    bot.emu.channelByName('inc-1')!.members.push(member.id);
    const before = await eventCount();
    for (const text of ['severity INC-1 sev2', 'status INC-1 investigating', 'playbook INC-1 lost-device', `assign INC-1 scribe <@${bot.staff.id}>`]) {
      await bot.incident(text, member);
      expect(ephemeralsFor(bot, member).at(-1)).toMatch(/^:warning: Only its commander and responders can /);
    }
    expect(await eventCount()).toBe(before);

    await bot.incident('severity INC-1 sev2', bot.staff);
    await bot.incident('status INC-1 investigating', bot.staff);
    await bot.incident('playbook INC-1 lost-device', bot.staff);
    await bot.incident(`assign INC-1 scribe <@${member.id}>`, bot.staff);
    await bot.incident('unassign INC-1 scribe', bot.staff);
    // The playbook's steps are still open: each ending asks for a confirmation, which the commander gives.
    await bot.incident('status INC-1 resolved', bot.staff);
    await bot.emu.clickButton({ user: bot.staff.id, label: 'Resolve INC-1', channel: bot.general.id });
    await bot.incident('status INC-1 closed', bot.staff);
    await bot.emu.clickButton({ user: bot.staff.id, label: 'Close INC-1', channel: bot.general.id });
    await bot.rampart.idle();
    const shown = await bot.rampart.core.timeline({ id: 'cli', source: 'cli' }, 'INC-1');
    expect(shown.incident).toMatchObject({ status: 'closed', severity: 'sev2', scribeId: null, commanderId: bot.staff.id });
    const mine = shown.events.filter((e) => e.actor === bot.staff.id).map((e) => e.kind);
    expect(mine).toEqual(['severity_changed', 'status_changed', 'playbook_started', 'role_assigned', 'role_unassigned', 'status_changed', 'status_changed']);
  });

  it('keeps /awareness admin commands for ADMINS', async () => {
    bot = await startTestBot({ env: (emu) => ({ ADMINS: emu.user('admin').id }) });
    await bot.emu.slashCommand({ user: bot.lead.id, channel: bot.general.id, command: '/awareness', text: 'status' });
    expect(ephemeralsFor(bot, bot.lead).at(-1)).toMatch(/Only admins can run the awareness programme/);
  });
});
