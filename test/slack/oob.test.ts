// `/incident oob` through the real Bolt app and the Slack emulator: the plan goes to the incident's people by direct
// message and nowhere else, the caller gets an ephemeral confirmation without the plan, the move is on the timeline,
// failures are listed and recorded, and an unset OOB_PLAN_FILE gets a reply saying how to set it up.
import { afterEach, describe, expect, it } from 'vitest';
import { NO_PLAN_MESSAGE } from '../../src/core/oob/move.js';
import type { EmuMessage } from '../../src/sandbox/emulator/types.js';
import { channelOf, ephemeralMessagesFor, timelineOf } from '../support/slack-state.js';
import { startTestBot, type TestBot } from '../support/slack.js';
import { slackOutbox } from '../../src/db/schema.js';

const EXAMPLE = 'docs/examples/oob-plan.yaml';
/** Pieces of the example plan that must never appear outside a direct message. */
const PLAN_TEXT = ['the heron waits at low tide', '+44 20 7946', 'Newsroom IR', 'Room 3.14'];

let bot: TestBot;
afterEach(async () => {
  await bot.close();
});

let now = Date.now();

async function startWithIncident(env: Record<string, string> = { OOB_PLAN_FILE: EXAMPLE }) {
  now = Date.now();
  // A fake clock the outbox's waits move, and the Bolt client's own retries as in production.
  bot = await startTestBot({ env, now: () => now, sleep: async (ms) => void (now += ms), slackRetries: 3 });
  await bot.incident('declare Workspace admin token leaked --type account-compromise');
  const channel = await channelOf(bot);
  // The channel is private (a sensitive type): someone the commander let in, as an invitation would.
  channel.members.push(bot.staff.id);
  return channel;
}

const isDm = (channelId: string) => channelId.startsWith('D');
const everything = (m: Pick<EmuMessage, 'text' | 'blocks'>) => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;

/** The direct messages the bot sent to a user. */
function dmsTo(userId: string): EmuMessage[] {
  return bot.emu.allMessages().filter((m) => isDm(m.channel) && bot.emu.channelById(m.channel)?.members.includes(userId) && m.user === bot.emu.botUser.id);
}

describe('/incident oob', () => {
  it('sends the plan by direct message to the channel’s members and the role holders, and nowhere else', async () => {
    await startWithIncident();
    const reply = await bot.incident('oob INC-1 admin token seen on a paste site');
    expect(reply.status).toBe(200);
    for (const user of [bot.lead, bot.staff]) {
      const [dm, ...more] = dmsTo(user.id);
      expect(more).toHaveLength(0);
      for (const piece of PLAN_TEXT) expect(everything(dm!)).toContain(piece);
      expect(everything(dm!)).toContain('admin token seen on a paste site');
      // The notification text leaves the phrase off lock screens.
      expect(dm!.text).not.toContain('heron');
    }
    // One DM each, and none to the bot itself although it is in the channel.
    expect(bot.emu.callsTo('conversations.open').map((c) => c.params.users).sort()).toEqual([bot.lead.id, bot.staff.id].sort());
    // Nothing outside a DM carries the plan: no channel post, no ephemeral, no announcement.
    const elsewhere = bot.emu.allMessages().filter((m) => !isDm(m.channel));
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const m of elsewhere) for (const piece of PLAN_TEXT) expect(everything(m)).not.toContain(piece);
    for (const call of bot.emu.callsTo('chat.postMessage').filter((c) => !isDm(String(c.params.channel)))) {
      for (const piece of PLAN_TEXT) expect(JSON.stringify(call.params)).not.toContain(piece);
    }
  });

  it('confirms to the caller ephemerally (with the ack, then how many got it) and records the move without the plan', async () => {
    await startWithIncident();
    await bot.incident('oob INC-1 admin token seen on a paste site');
    const [ack, done] = ephemeralMessagesFor(bot, bot.lead).slice(-2);
    expect(ack).toMatchObject({ via: 'ack' });
    expect(ack!.text).toMatch(/Sending the out-of-band plan for \*INC-1\*/);
    expect(done!.text).toMatch(/Sent the out-of-band plan for \*INC-1\* to 2 people by direct message; the move is event #\d+/);
    const { events } = await timelineOf(bot);
    const moved = events.find((e) => e.kind === 'moved_out_of_band');
    expect(moved).toMatchObject({ actor: bot.lead.id, source: 'slack-command', payload: { reason: 'admin token seen on a paste site', recipients: 2 } });
    for (const piece of PLAN_TEXT) expect(JSON.stringify(events)).not.toContain(piece);
  });

  it('lists the people it could not reach to the caller and records each failure', async () => {
    await startWithIncident();
    bot.emu.injectFault({ method: 'conversations.open', kind: 'slack_error', error: 'user_disabled' });
    await bot.incident('oob INC-1');
    const done = ephemeralMessagesFor(bot, bot.lead).at(-1)!.text;
    expect(done).toMatch(/to 1 person by direct message/);
    expect(done).toMatch(/Could not send it to <@U\w+> \(user_disabled\)/);
    const { events } = await timelineOf(bot);
    expect(events.filter((e) => e.kind === 'slack_call_failed')).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ error: 'user_disabled', action: expect.stringMatching(/^sending the out-of-band plan to U/) }) }),
    ]);
  });

  it('sends each person the plan once when Slack delivered a direct message but its answer was lost', async () => {
    await startWithIncident();
    bot.emu.injectFault({ method: 'chat.postMessage', kind: 'reset', handled: true });
    await bot.incident('oob INC-1 admin token seen on a paste site');
    await bot.rampart.outbox.drain();
    for (const user of [bot.lead, bot.staff]) expect(dmsTo(user.id)).toHaveLength(1);
  });

  it('keeps the plan out of the outbox: a row says who and why, and the worker reads the plan file at delivery', async () => {
    await startWithIncident();
    await bot.incident('oob INC-1 admin token seen on a paste site');
    const rows = await bot.database.db.select().from(slackOutbox);
    const dmRows = rows.filter((r) => r.kind === 'oob_plan_sent');
    expect(dmRows.map((r) => r.lane).sort()).toEqual([bot.lead.id, bot.staff.id].sort());
    for (const piece of PLAN_TEXT) expect(JSON.stringify(rows)).not.toContain(piece);
  });

  it('refuses someone who is neither the commander nor a responder: no DM, no event', async () => {
    await startWithIncident();
    const before = (await timelineOf(bot)).events;
    const reply = await bot.incident('oob INC-1 panic', bot.staff);
    expect(reply.text).toMatch(/Only its commander and responders can move this incident’s team out of band/);
    expect(bot.emu.callsTo('conversations.open')).toHaveLength(0);
    expect((await timelineOf(bot)).events).toEqual(before);
  });

  it('with OOB_PLAN_FILE unset, explains how to set it up and sends nothing', async () => {
    await startWithIncident({});
    const reply = await bot.incident('oob INC-1');
    expect(reply.text).toContain(NO_PLAN_MESSAGE);
    expect(ephemeralMessagesFor(bot, bot.lead).at(-1)).toMatchObject({ via: 'ack' });
    expect(bot.emu.callsTo('conversations.open')).toHaveLength(0);
    expect((await timelineOf(bot)).events.some((e) => e.kind === 'moved_out_of_band')).toBe(false);
  });
});
