// `/incident status|severity|assign` through the real Bolt app: responders change an incident, the incident channel
// hears about it, the caller gets an ephemeral answer, and refusals change nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import type { EmuUser } from '../../src/sandbox/emulator/types.js';
import { allEvents, channelOf, ephemeralMessagesFor, publicMessages, timelineOf } from '../support/slack-state.js';
import { ephemeralsFor, useTestBot } from '../support/slack.js';

const bot = useTestBot();
beforeEach(async () => {
  await bot.incident('declare Website defaced --sev2 --type defacement --public');
});

/** What the incident's channel last showed everyone. */
async function lastChannelPost(ref = 'INC-1'): Promise<string | undefined> {
  return publicMessages(bot, await channelOf(bot, ref)).at(-1)?.text;
}

/** The last ephemeral reply to a user, which must have come with the slash command's ack. */
function lastAckReply(user: EmuUser): string | undefined {
  const last = ephemeralMessagesFor(bot, user).at(-1);
  expect(last?.via).toBe('ack');
  return last?.text;
}

describe('/incident status', () => {
  it('moves the incident on, records it, posts in the incident channel and answers ephemerally', async () => {
    const reply = await bot.incident('status INC-1 investigating attacker IP found');
    expect(reply.status).toBe(200);
    expect(lastAckReply(bot.lead)).toMatch(/INC-1\* status: triage → \*investigating\*/);
    const { incident, events } = await timelineOf(bot);
    expect(incident.status).toBe('investigating');
    expect(incident.acknowledgedAt).not.toBeNull();
    expect(events.at(-1)).toMatchObject({ kind: 'status_changed', actor: bot.lead.id, source: 'slack-command', payload: { from: 'triage', to: 'investigating', note: 'attacker IP found' } });
    expect(await lastChannelPost()).toBe(`*INC-1* status: triage → *investigating* (by <@${bot.lead.id}>): attacker IP found`);
  });

  it('inside the incident channel, the channel post is the only answer (no duplicate ephemeral)', async () => {
    const channel = await channelOf(bot, 'INC-1');
    const before = ephemeralMessagesFor(bot, bot.lead).length;
    const reply = await bot.incident('status INC-1 investigating', bot.lead, channel);
    expect(reply.status).toBe(200);
    expect(ephemeralMessagesFor(bot, bot.lead)).toHaveLength(before);
    expect(await lastChannelPost()).toMatch(/status: triage → \*investigating\*/);
  });

  it('declines a false positive (a side exit) and tells the channel', async () => {
    await bot.incident('status INC-1 declined false positive: planned redesign');
    expect((await timelineOf(bot)).incident.status).toBe('declined');
    expect(await lastChannelPost()).toMatch(/status: triage → \*declined\*.*false positive: planned redesign/);
    expect(lastAckReply(bot.lead)).toMatch(/→ \*declined\*/);
  });

  it('merges into another incident, recording which one', async () => {
    await bot.incident('declare Same defacement seen by a reader --sev3 --type defacement --public');
    await bot.incident('status INC-2 merged INC-1 duplicate report');
    const { incident, events } = await timelineOf(bot, 'INC-2');
    const target = (await timelineOf(bot, 'INC-1')).incident;
    expect(incident).toMatchObject({ status: 'merged', mergedIntoId: target.id });
    expect(events.at(-1)).toMatchObject({ kind: 'status_changed', payload: { from: 'triage', to: 'merged', mergedInto: 'INC-1', note: 'duplicate report' } });
    expect(await lastChannelPost('INC-2')).toMatch(/INC-2\* status: triage → \*merged\*/);
    expect(lastAckReply(bot.lead)).toMatch(/INC-2\* status: triage → \*merged\*/);
  });

  it('refuses a transition that is not allowed, naming the allowed next statuses, and changes nothing', async () => {
    await bot.incident('status INC-1 declined not an incident');
    const before = await allEvents(bot);
    const postsBefore = bot.emu.callsTo('chat.postMessage').length;
    const reply = await bot.incident('status INC-1 resolved');
    expect(reply.text).toContain('INC-1 is declined; it cannot move to resolved. From declined it can go to: triage.');
    expect(lastAckReply(bot.lead)).toBe(reply.text);
    expect(await allEvents(bot)).toEqual(before);
    expect((await timelineOf(bot)).incident.status).toBe('declined');
    expect(bot.emu.callsTo('chat.postMessage')).toHaveLength(postsBefore);
  });

  it('names every allowed next status from triage', async () => {
    const reply = await bot.incident('status INC-1 closed');
    expect(reply.text).toContain('From triage it can go to: investigating, contained, resolved, declined, merged.');
  });

  it('refuses someone who is not a responder with a specific message, and changes nothing', async () => {
    const before = await allEvents(bot);
    const postsBefore = bot.emu.callsTo('chat.postMessage').length;
    for (const text of ['status INC-1 investigating', 'severity INC-1 sev1']) {
      const reply = await bot.incident(text, bot.staff);
      expect(reply.status).toBe(200);
      expect(reply.text).toMatch(/^:warning: Only its commander and responders can (change an incident’s status|change an incident’s severity)\. Ask your security lead to add you to RESPONDERS\.$/);
      expect(lastAckReply(bot.staff)).toBe(reply.text);
    }
    // assign asks Slack who the person is first, so its answer comes after the ack, through respond.
    await bot.incident(`assign INC-1 commander <@${bot.staff.id}|${bot.staff.name}>`, bot.staff);
    expect(ephemeralsFor(bot, bot.staff).at(-1)).toBe(':warning: Only its commander and responders can assign incident roles. Ask your security lead to add you to RESPONDERS.');
    const { incident } = await timelineOf(bot);
    expect(incident).toMatchObject({ status: 'triage', severity: 'sev2', commanderId: null });
    expect(await allEvents(bot)).toEqual(before);
    expect(bot.emu.callsTo('chat.postMessage')).toHaveLength(postsBefore);
    expect(bot.emu.callsTo('conversations.invite').filter((c) => c.params.users === bot.staff.id)).toHaveLength(0);
  });
});

describe('/incident severity', () => {
  it('changes the severity, records it and tells the channel', async () => {
    const reply = await bot.incident('severity INC-1 sev1');
    expect(reply.text).toMatch(/INC-1\* severity: sev2 → \*sev1\*/);
    const { incident, events } = await timelineOf(bot);
    expect(incident.severity).toBe('sev1');
    expect(events.at(-1)).toMatchObject({ kind: 'severity_changed', payload: { from: 'sev2', to: 'sev1' } });
    expect(await lastChannelPost()).toMatch(/severity: sev2 → \*sev1\*/);
  });

  it('announces a raise to sev1 where the declaration was, with the change, in the same transaction', async () => {
    const announced = publicMessages(bot, bot.incidents).length;
    await bot.incident('severity INC-1 sev1');
    const posts = publicMessages(bot, bot.incidents).slice(announced);
    const channel = await channelOf(bot);
    expect(posts.map((m) => m.text)).toEqual([`:rotating_light: *INC-1* escalated · SEV2 → *SEV1* (by <@${bot.lead.id}>) · Website defaced`]);
    expect(JSON.stringify(posts[0]!.blocks)).toContain(`<#${channel.id}>`);
    // Enqueued with the event: the escalation's outbox row points at the severity_changed event.
    const { events } = await timelineOf(bot);
    const rows = await bot.rampart.core.notices.settled([`incident:1:event:${events.at(-1)!.seq}:escalated`]);
    expect(rows).toMatchObject([{ kind: 'incident_escalated', state: 'delivered' }]);
  });

  it('announces sev3 or sev4 raised to sev2, but not a lowering or a raise that stays below sev2', async () => {
    await bot.incident('declare Odd login sev4 type:other public');
    const count = () => publicMessages(bot, bot.incidents).filter((m) => m.text.includes('escalated')).length;
    await bot.incident('severity INC-2 sev3');
    await bot.incident('severity INC-1 sev3');
    expect(count()).toBe(0);
    await bot.incident('severity INC-2 sev2');
    expect(publicMessages(bot, bot.incidents).at(-1)?.text).toMatch(/^:rotating_light: \*INC-2\* escalated · SEV3 → \*SEV2\*/);
    await bot.incident('severity INC-2 sev1');
    await bot.incident('severity INC-2 sev2');
    expect(count()).toBe(2);
  });

  it('announces a private incident’s escalation by reference only, as its declaration was', async () => {
    await bot.incident('declare Payroll mailbox forwarding rule sev3 type:account-compromise');
    await bot.incident('severity INC-2 sev1');
    const post = publicMessages(bot, bot.incidents).at(-1)!;
    // Issue 15: a private incident shows its status rather than its commander there.
    expect(post.text).toBe(`:rotating_light: *INC-2* escalated · SEV3 → *SEV1* (by <@${bot.lead.id}>) · private · status: triage`);
    expect(JSON.stringify(post)).not.toMatch(/Payroll|account-compromise/);
  });

  it('refuses a severity that does not exist, listing the valid ones', async () => {
    const reply = await bot.incident('severity INC-1 sev9');
    expect(reply.text).toContain('"sev9" is not a severity. Use one of: sev1, sev2, sev3, sev4');
    expect((await timelineOf(bot)).incident.severity).toBe('sev2');
  });
});

describe('/incident assign', () => {
  it('assigns the role, invites the assignee into the incident channel and records both', async () => {
    const carol = bot.emu.user('carol');
    const channel = await channelOf(bot);
    expect(channel.members).not.toContain(carol.id);
    // The person is looked up in Slack first (users.info), so the confirmation comes after the ack, through respond.
    await bot.incident(`assign INC-1 commander <@${carol.id}|carol>`);
    expect(bot.emu.callsTo('users.info').at(-1)?.params.user).toBe(carol.id);
    expect(ephemeralsFor(bot, bot.lead).at(-1)).toContain(`<@${carol.id}> is now *commander* of *INC-1*`);
    expect(bot.emu.channelById(channel.id)!.members).toContain(carol.id);
    const { incident, events } = await timelineOf(bot);
    expect(incident.commanderId).toBe(carol.id);
    expect(events.slice(-2)).toMatchObject([
      { kind: 'role_assigned', actor: bot.lead.id, payload: { role: 'commander', from: null, to: carol.id } },
      { kind: 'members_invited', payload: { users: [carol.id] } },
    ]);
    expect(await lastChannelPost()).toContain(`<@${carol.id}> is now *commander* of *INC-1*`);
  });

  it('answers a bare @name (not escaped by Slack) with usage, and assigns nothing', async () => {
    const before = await allEvents(bot);
    const reply = await bot.incident('assign INC-1 commander @carol');
    expect(reply.text).toContain('mention the person so Slack turns it into a link, e.g. `/incident assign INC-1 commander @alice`');
    expect(await allEvents(bot)).toEqual(before);
    expect(bot.emu.callsTo('conversations.invite').length).toBe(1); // the reporter's invite at declaration only
  });

  it('assigns even when the invite fails, records the failure and says so', async () => {
    const carol = bot.emu.user('carol');
    bot.emu.injectFault({ method: 'conversations.invite', kind: 'slack_error', error: 'cant_invite' });
    await bot.incident(`assign INC-1 scribe <@${carol.id}|carol>`);
    const { incident, events } = await timelineOf(bot);
    expect(incident.scribeId).toBe(carol.id);
    expect(events.map((e) => e.kind).slice(-2)).toEqual(['role_assigned', 'slack_call_failed']);
    expect(ephemeralMessagesFor(bot, bot.lead).at(-1)?.text).toMatch(/cant_invite.*the assignment is saved/);
  });
});
