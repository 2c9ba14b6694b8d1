// RULES_FILE through the real Bolt app and the Slack emulator: once a declaration's channel is set up, the first
// matching rule invites its people and user groups, starts its playbook and makes its commander (a person, or the
// first member of a user group, resolved by the Slack worker), with one rule_applied event saying so. No match: nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmuUser } from '../../src/sandbox/emulator/types.js';
import { channelOf, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const dir = mkdtempSync(path.join(tmpdir(), 'rampart-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let oncall: { id: string; handle: string; users: string[] };
let people: Record<'first' | 'second' | 'mail' | 'seclead', EmuUser>;

const bot = useTestBot({
  env: (emu) => {
    people = { first: emu.user('oncall-first'), second: emu.user('oncall-second'), mail: emu.user('mail-admin'), seclead: emu.user('sec-lead') };
    oncall = emu.usergroup('oncall', [people.first.id, people.second.id]);
    const file = path.join(dir, 'rules.yaml');
    writeFileSync(
      file,
      [
        'rules:',
        '  - name: account-takeover',
        '    when: { type: account-compromise, severity: [sev1, sev2] }',
        `    invite: { usergroups: [${oncall.id}] }`,
        '    playbook: account-compromise',
        `    commander: { first_of: ${oncall.id} }`,
        '  - name: phishing',
        '    when: { type: phishing }',
        `    invite: { users: [${people.mail.id}] }`,
        '    playbook: phishing',
        `    commander: ${people.seclead.id}`,
      ].join('\n'),
    );
    return { RULES_FILE: file };
  },
});

// The harness empties the workspace between tests; the group comes back under the id the rules file names.
beforeEach(() => bot.emu.restoreUsergroup(oncall));

describe('rules', () => {
  it('a matching rule invites the user group, makes its first member commander and starts the playbook, on the timeline', async () => {
    await bot.incident('declare Finance mailbox taken over --sev1 --type account-compromise', bot.staff);
    const channel = await channelOf(bot);
    expect(channel.members).toEqual(expect.arrayContaining([people.first.id, people.second.id, bot.staff.id]));
    const { incident, events } = await timelineOf(bot);
    expect(incident.commanderId).toBe(people.first.id);
    const applied = events.filter((e) => e.kind === 'rule_applied');
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ actor: 'rampart', payload: { rule: 'account-takeover', usergroups: [oncall.id], playbook: 'account-compromise', commanderFrom: oncall.id } });
    expect(events.find((e) => e.kind === 'playbook_started')).toMatchObject({ actor: 'rampart', payload: { playbookId: 'account-compromise' } });
    expect(events.find((e) => e.kind === 'role_assigned')).toMatchObject({ actor: 'rampart', payload: { role: 'commander', from: null, to: people.first.id } });
    expect(events.find((e) => e.kind === 'members_invited' && (e.payload.users as string[]).includes(people.first.id))).toBeDefined();
    // Resolved in the Slack worker, once.
    expect(bot.emu.callsTo('usergroups.users.list').map((c) => c.params.usergroup)).toEqual([oncall.id]);
    // The new commander is told by direct message, and the channel hears it.
    const dm = bot.emu.allMessages().find((m) => m.channel.startsWith('D') && bot.emu.channelById(m.channel)?.members.includes(people.first.id));
    expect(dm?.text).toContain('the rule “account-takeover” made you *commander* of *INC-1*');
    expect(bot.emu.messages(channel.id).some((m) => m.text.includes('is now *commander* of *INC-1* (by the rule “account-takeover”)'))).toBe(true);
  });

  it('the playbook a rule starts shows its checklist in the channel once, and a step change updates that message', async () => {
    await bot.incident('declare Invoice phish --sev2 --type phishing', bot.staff);
    const channel = await channelOf(bot);
    const checklists = () => bot.emu.messages(channel.id).filter((m) => !m.ephemeral && / done/.test(m.text) && JSON.stringify(m.blocks ?? []).includes('step_'));
    expect(checklists()).toHaveLength(1);
    const before = { ts: checklists()[0]!.ts, text: checklists()[0]!.text };
    const reply = await bot.emu.clickButton({ user: bot.lead.id, label: 'Done', channel: channel.id, near: 'Get the original message with its full headers' });
    expect(reply.status).toBe(200);
    await bot.rampart.idle();
    expect(checklists()).toHaveLength(1);
    expect(checklists()[0]!.ts).toBe(before.ts);
    expect(before.text).toMatch(/0 of \d+ done/);
    expect(checklists()[0]!.text).toMatch(/1 of \d+ done/);
  });

  it('a rule naming a person invites them and makes them commander, with no user group to resolve', async () => {
    await bot.incident('declare Invoice phish --sev1 --type phishing', bot.staff);
    const channel = await channelOf(bot);
    expect(channel.members).toEqual(expect.arrayContaining([people.mail.id, people.seclead.id]));
    expect(channel.members).not.toContain(people.first.id);
    const { incident, events } = await timelineOf(bot);
    expect(incident.commanderId).toBe(people.seclead.id);
    expect(events.filter((e) => e.kind === 'rule_applied').map((e) => e.payload)).toEqual([
      { rule: 'phishing', users: [people.mail.id], usergroups: [], playbook: 'phishing', commander: people.seclead.id },
    ]);
    expect(bot.emu.callsTo('usergroups.users.list')).toHaveLength(0);
  });

  it('no matching rule does nothing', async () => {
    await bot.incident('declare Odd login --sev3 --type account-compromise', bot.staff);
    const { incident, events } = await timelineOf(bot);
    expect(incident.commanderId).toBeNull();
    expect(events.map((e) => e.kind)).not.toEqual(expect.arrayContaining(['rule_applied']));
    expect(events.some((e) => e.kind === 'rule_applied' || e.kind === 'playbook_started' || e.kind === 'role_assigned')).toBe(false);
    expect((await channelOf(bot)).members).not.toContain(people.first.id);
  });

  it('/incident help lists the rules in force and when channels are archived', async () => {
    const reply = await bot.emu.slashCommand({ user: bot.staff.id, channel: bot.general.id, command: '/incident', text: 'help' });
    const shown = JSON.stringify(reply.json);
    expect(shown).toContain('account-takeover (account-compromise, sev1/sev2)');
    expect(shown).toContain(`commander: first of ${oncall.id}`);
    expect(shown).toContain('archived 7d 0h after closing');
  });
});
