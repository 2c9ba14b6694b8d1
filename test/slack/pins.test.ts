// 📌 reactions and pins in an incident channel copy the message into the timeline, once, and Slack gets its 200
// only after the copy is stored (so a failure makes Slack retry instead of losing the record).
import { beforeEach, describe, expect, it } from 'vitest';
import { permalink } from '../../src/sandbox/emulator/shapes.js';
import type { EmuChannel } from '../../src/sandbox/emulator/types.js';
import { allEvents, channelOf, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const bot = useTestBot();
let channel: EmuChannel;
beforeEach(async () => {
  await bot.incident('declare Ransom note on the file server --sev1 --type ransomware');
  channel = await channelOf(bot);
});

/** Makes staff the scribe, which invites them into the (private) incident channel so they can post there. */
async function inviteStaff() {
  await bot.incident(`assign INC-1 scribe <@${bot.staff.id}|${bot.staff.name}>`);
  expect(bot.emu.channelById(channel.id)!.members).toContain(bot.staff.id);
}

/** The copies of Slack messages on INC-1's timeline. */
async function copies() {
  return (await timelineOf(bot)).events.filter((e) => e.kind === 'message_pinned');
}

describe('📌 and pins in an incident channel', () => {
  it('copies author, text, original ts and permalink once, stored before the event is acked', async () => {
    const message = bot.emu.postAsUser(bot.lead.id, channel.id, 'Backups from last night are intact');
    const reply = await bot.emu.react({ user: bot.staff.id, channel: channel.id, ts: message.ts, name: 'pushpin' });
    expect(reply.status).toBe(200);
    // No rampart.idle(): the copy must already be stored when Slack receives the 200.
    const stored = await copies();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      actor: bot.staff.id,
      source: 'slack-reaction',
      payload: { channel: channel.id, ts: message.ts, author: bot.lead.id, text: 'Backups from last night are intact', permalink: permalink(channel.id, message.ts), via: 'reaction' },
    });
    // The copy keeps the message's own time as when it happened.
    expect(stored[0]!.occurredAt.getTime()).toBe(Math.round(Number(message.ts) * 1000));
    // After the ack, the bot marks the message so the channel sees it is on the timeline.
    await bot.rampart.idle();
    const marked = bot.emu.messages(channel.id).find((m) => m.ts === message.ts)!;
    expect(marked.reactions).toContainEqual({ name: 'memo', users: [bot.emu.botUser.id] });
  });

  it('adds nothing for a retried delivery (same event id, retryNum 1), nor for a pin of the same message', async () => {
    const message = bot.emu.postAsUser(bot.lead.id, channel.id, 'Encryption started at 03:12');
    await bot.emu.react({ user: bot.lead.id, channel: channel.id, ts: message.ts, name: 'pushpin', eventId: 'EvPIN00001' });
    const retry = await bot.emu.react({ user: bot.lead.id, channel: channel.id, ts: message.ts, name: 'pushpin', eventId: 'EvPIN00001', retryNum: 1 });
    expect(retry.status).toBe(200);
    const pinned = await bot.emu.pin({ user: bot.staff.id, channel: channel.id, ts: message.ts });
    expect(pinned.status).toBe(200);
    const again = await bot.emu.react({ user: bot.staff.id, channel: channel.id, ts: message.ts, name: 'round_pushpin' });
    expect(again.status).toBe(200);
    await bot.rampart.idle();
    expect(await copies()).toHaveLength(1);
    // Marked once too: duplicates store nothing, so they mark nothing.
    expect(bot.emu.callsTo('reactions.add')).toHaveLength(1);
  });

  it('stores nothing for a 📌 outside incident channels, nor for another emoji', async () => {
    const before = await allEvents(bot);
    const outside = bot.emu.postAsUser(bot.lead.id, bot.general.id, 'Lunch at noon?');
    expect((await bot.emu.react({ user: bot.lead.id, channel: bot.general.id, ts: outside.ts, name: 'pushpin' })).status).toBe(200);
    const inside = bot.emu.postAsUser(bot.lead.id, channel.id, 'Who has the offsite keys?');
    expect((await bot.emu.react({ user: bot.lead.id, channel: channel.id, ts: inside.ts, name: 'eyes' })).status).toBe(200);
    await bot.rampart.idle();
    expect(await allEvents(bot)).toEqual(before);
    expect(bot.emu.callsTo('conversations.history')).toHaveLength(0);
  });

  it('stores another message pinned with pin_added, acked after storing', async () => {
    const first = bot.emu.postAsUser(bot.lead.id, channel.id, 'First copy');
    await bot.emu.react({ user: bot.lead.id, channel: channel.id, ts: first.ts, name: 'pushpin' });
    await inviteStaff();
    const second = bot.emu.postAsUser(bot.staff.id, channel.id, 'Attacker wallet address: bc1q…');
    const reply = await bot.emu.pin({ user: bot.lead.id, channel: channel.id, ts: second.ts });
    expect(reply.status).toBe(200);
    const stored = await copies();
    expect(stored).toHaveLength(2);
    expect(stored[1]).toMatchObject({
      actor: bot.lead.id,
      source: 'slack-pin',
      payload: { ts: second.ts, author: bot.staff.id, text: 'Attacker wallet address: bc1q…', permalink: permalink(channel.id, second.ts), via: 'pin' },
    });
  });

  it('still stores the copy, marked unavailable, when Slack cannot give the message', async () => {
    await inviteStaff();
    const message = bot.emu.postAsUser(bot.staff.id, channel.id, 'Screenshot of the ransom note');
    bot.emu.injectFault({ method: 'conversations.history', kind: 'slack_error', error: 'internal_error' });
    const reply = await bot.emu.react({ user: bot.lead.id, channel: channel.id, ts: message.ts, name: 'pushpin' });
    expect(reply.status).toBe(200);
    const [copy] = await copies();
    expect(copy).toMatchObject({ payload: { channel: channel.id, ts: message.ts, author: bot.staff.id, permalink: null } });
    expect(copy!.payload.text).toMatch(/unavailable.*internal_error/);
  });
});
