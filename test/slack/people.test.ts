// People and access through the real Bolt app and the emulator: someone given a step or a role is invited to the
// private incident's channel and told by direct message, and can then see it and its tasks; a role goes only to a
// person Slack knows (users.info); unassign; and the reference left out inside the incident channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmuChannel, EmuMessage, EmuUser } from '../../src/sandbox/emulator/types.js';
import { allEvents, ephemeralMessagesFor } from '../support/slack-state.js';
import { ephemeralsFor, startTestBot, type TestBot } from '../support/slack.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ env: { REVIEW_REQUIRED_SEVERITIES: 'none' } });
});
afterAll(() => bot.close());

let declared = 0;
/** A fresh private phishing incident (declared by the responder) and its channel. */
async function privateIncident(): Promise<{ ref: string; channel: EmuChannel }> {
  await bot.incident('declare Credential phishing mail to the press office --sev2 --type phishing');
  const ref = `INC-${++declared}`;
  return { ref, channel: bot.emu.channelByName(`inc-${declared}`)! };
}

/** The bot's direct messages to a user. */
function dmsTo(user: EmuUser): EmuMessage[] {
  return bot.emu.allMessages().filter((m) => m.channel.startsWith('D') && bot.emu.channelById(m.channel)?.members.includes(user.id) && m.user === bot.emu.botUser.id);
}

function invitesOf(user: EmuUser, channel: EmuChannel) {
  return bot.emu.callsTo('conversations.invite').filter((c) => c.params.users === user.id && c.params.channel === channel.id);
}

describe('a step assigned to someone outside a private incident', () => {
  it('invites them, tells them by direct message, and lets them see the incident and the step in /incident tasks', async () => {
    const { ref, channel } = await privateIncident();
    const dora = bot.emu.user('dora');
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Start playbook', channel: channel.id });
    await bot.rampart.idle();
    const third = (await bot.rampart.core.playbooks.runs(declared))[0]!.steps[2]!;
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Assign', channel: channel.id, near: third.step.title });
    await bot.rampart.idle();
    await bot.emu.submitView({ user: bot.lead.id, values: { 'Who does it?': dora.id } });
    await bot.rampart.idle();

    expect(invitesOf(dora, channel)).toHaveLength(1);
    expect(channel.members).toContain(dora.id);
    const [dm, ...more] = dmsTo(dora);
    expect(more).toHaveLength(0);
    expect(dm!.text).toContain(`<@${bot.lead.id}> assigned you step 3 of *${ref}*'s checklist, *${third.step.title}*. You are invited to its channel: <#${channel.id}>.`);

    // Asked from elsewhere (not from the channel): participation alone is enough.
    await bot.incident('tasks', dora, bot.general);
    const tasks = ephemeralMessagesFor(bot, dora).at(-1)!;
    expect(JSON.stringify(tasks.blocks)).toContain(third.step.title);
    await bot.incident(`show ${ref}`, dora, bot.general);
    expect(ephemeralsFor(bot, dora).at(-1)).toContain('press office');
  });
});

describe('/incident assign', () => {
  it('invites the person and tells them by direct message what they were given', async () => {
    const { ref, channel } = await privateIncident();
    const erin = bot.emu.user('erin');
    await bot.incident(`assign ${ref} comms <@${erin.id}|erin>`);
    expect(invitesOf(erin, channel)).toHaveLength(1);
    expect(dmsTo(erin).map((m) => m.text)).toEqual([`<@${bot.lead.id}> made you *comms* of *${ref}*. You are invited to its channel: <#${channel.id}>. \`/incident tasks\` lists what is open.`]);
  });

  it('refuses a user Slack does not know, a deactivated account and a bot, with a specific message, storing nothing', async () => {
    const { ref, channel } = await privateIncident();
    const gone = bot.emu.user('gone');
    gone.deleted = true;
    const before = await allEvents(bot);
    const cases: Array<[string, RegExp]> = [
      ['U0NOBODY1', /^:warning: Slack has no user U0NOBODY1 in this workspace, so nobody was made scribe\./],
      [gone.id, /^:warning: That person's Slack account is deactivated, so nobody was made scribe\./],
      [bot.emu.botUser.id, /^:warning: That is a bot, not a person, so nobody was made scribe\./],
    ];
    for (const [id, refusal] of cases) {
      const reply = await bot.incident(`assign ${ref} scribe <@${id}>`);
      expect(reply.status).toBe(200);
      expect(ephemeralsFor(bot, bot.lead).at(-1)).toMatch(refusal);
    }
    expect(await allEvents(bot)).toEqual(before);
    expect(bot.emu.callsTo('users.info').map((c) => c.params.user)).toEqual(expect.arrayContaining(['U0NOBODY1', gone.id, bot.emu.botUser.id]));
    expect(bot.emu.callsTo('conversations.invite').filter((c) => c.params.channel === channel.id && c.params.users === gone.id)).toHaveLength(0);
  });
});

describe('inside the incident channel', () => {
  it('status, severity, assign and unassign need no reference; unassign is posted and goes on the timeline', async () => {
    const { ref, channel } = await privateIncident();
    const finn = bot.emu.user('finn');
    await bot.incident('status investigating checking the headers', bot.lead, channel);
    await bot.incident('severity sev1', bot.lead, channel);
    await bot.incident(`assign scribe <@${finn.id}>`, bot.lead, channel);
    await bot.incident('unassign scribe', bot.lead, channel);
    const shown = await bot.rampart.core.timeline({ id: 'cli', source: 'cli' }, ref);
    expect(shown.incident).toMatchObject({ status: 'investigating', severity: 'sev1', scribeId: null });
    // (The invite's delivery adds its own members_invited event.)
    const changes = shown.events.map((e) => e.kind).filter((k) => k !== 'members_invited');
    expect(changes.slice(-4)).toEqual(['status_changed', 'severity_changed', 'role_assigned', 'role_unassigned']);
    const posts = bot.emu.messages(channel.id).map((m) => m.text);
    expect(posts).toContain(`<@${finn.id}> is no longer *scribe* of *${ref}* (by <@${bot.lead.id}>)`);
    // Elsewhere the reference is needed, and the answer says so.
    await bot.incident('severity sev2', bot.lead, bot.general);
    expect(ephemeralMessagesFor(bot, bot.lead).at(-1)!.text).toMatch(/Name the incident \(e\.g\. INC-12\), or run this inside the incident’s channel/);
  });
});
