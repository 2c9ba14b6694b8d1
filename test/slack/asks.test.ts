// "Was this you?" through the real Bolt app and the Slack emulator: `/incident ask` sends the person one direct
// message (the reference and the question only, escaped) with Yes, No and Not sure; a click records the answer and
// the message is updated once to show it; a late second click changes nothing; an unanswered question is reminded
// once and reported to the commander once, however often the sweep runs; `/incident asks` lists the answers.
import { beforeEach, describe, expect, it } from 'vitest';
import type { EmuUser } from '../../src/sandbox/emulator/types.js';
import { ephemeralMessagesFor, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

// Bolt checks a request's signature age against the real clock, so the bot's clock is the real one, moved by `offset`
// only between requests.
let offset = 0;
const bot = useTestBot({ now: () => Date.now() + offset, env: { ASK_REMIND_AFTER: '2h', ASK_ESCALATE_AFTER: '4h' } });
beforeEach(() => {
  offset = 0;
});
const HOUR = 3_600_000;

const lastEphemeral = (user: EmuUser) => ephemeralMessagesFor(bot, user).at(-1)!;
const directMessages = (user: EmuUser) =>
  bot.emu.allMessages().filter((m) => !m.ephemeral && (bot.emu.channelById(m.channel) as { is_im?: boolean; members: string[] } | undefined)?.is_im && bot.emu.channelById(m.channel)!.members.includes(user.id));
const askEvents = async () => (await timelineOf(bot)).events.filter((e) => e.kind.startsWith('ask_'));

/** A private INC-1 the lead commands, and the lead's question to alice (who is not part of it). */
async function askAlice(alice: EmuUser) {
  const declared = await bot.incident('declare Odd sign-in for <alice> --private --sev2 --type account-compromise');
  if (!declared.text.includes('INC-1')) throw new Error(`${declared.status} ${declared.text}`);
  await bot.incident(`assign INC-1 commander <@${bot.lead.id}>`);
  await bot.incident(`ask INC-1 <@${alice.id}|alice> Did you sign in from <Lagos> at 03:12?`);
}

describe('/incident ask', () => {
  it('sends the person one direct message with the reference, the question escaped and three buttons; a click records the answer and updates it', async () => {
    const alice = bot.emu.user('alice');
    // The first post lands but its answer is lost: the retry finds it instead of asking twice.
    bot.emu.injectFault({ method: 'chat.postMessage', kind: 'reset', handled: true });
    await askAlice(alice);
    await bot.rampart.outbox.drain();
    expect(lastEphemeral(bot.lead).text).toContain(`Asked <@${alice.id}> about *INC-1* by direct message.`);
    const [dm, ...more] = directMessages(alice);
    expect(more).toEqual([]);
    const blocks = JSON.stringify(dm!.blocks);
    expect(blocks).toContain(`<@${bot.lead.id}> asks you about *INC-1*:`);
    expect(blocks).toContain('Did you sign in from &lt;Lagos&gt; at 03:12?');
    expect(blocks.match(/"(Yes|No|Not sure)"/g)).toEqual(['"Yes"', '"No"', '"Not sure"']);
    // alice is an outsider to the private incident: nothing but its reference and the question.
    expect(JSON.stringify(dm)).not.toMatch(/Odd sign-in|account-compromise/);

    await bot.emu.clickButton({ user: alice.id, label: 'No', channel: dm!.channel });
    await bot.rampart.idle();
    expect(lastEphemeral(alice).text).toBe(':white_check_mark: Thank you: *No* is recorded on *INC-1*.');
    const [updated] = directMessages(alice);
    expect(updated!.ts).toBe(dm!.ts);
    expect(JSON.stringify(updated!.blocks)).toContain('You answered *No*');
    expect(JSON.stringify(updated!.blocks)).not.toContain('"actions"');
    expect(bot.emu.callsTo('chat.update').filter((c) => JSON.stringify(c).includes('You answered'))).toHaveLength(1);
    expect((await askEvents()).map((e) => [e.kind, e.actor, e.source, e.payload.answer ?? null])).toEqual([
      ['ask_sent', bot.lead.id, 'slack-command', null],
      ['ask_answered', alice.id, 'slack-button', 'no'],
    ]);
  });

  it('a late second click, before the message shows the answer, changes nothing and says why', async () => {
    const alice = bot.emu.user('alice');
    await askAlice(alice);
    const [dm] = directMessages(alice);
    // Slack fails the update once: the buttons are still there when alice clicks again.
    bot.emu.injectFault({ method: 'chat.update', kind: 'http_error', status: 500 });
    await bot.emu.clickButton({ user: alice.id, label: 'Yes', channel: dm!.channel });
    await bot.rampart.idle();
    await bot.emu.clickButton({ user: alice.id, label: 'Not sure', channel: dm!.channel });
    await bot.rampart.idle();
    expect(lastEphemeral(alice).text).toContain(':information_source: You already answered *Yes*');
    expect((await askEvents()).filter((e) => e.kind === 'ask_answered').map((e) => e.payload.answer)).toEqual(['yes']);
    await bot.rampart.outbox.drain();
    expect(JSON.stringify(directMessages(alice)[0]!.blocks)).toContain('You answered *Yes*');
  });

  it('refuses someone other than the commander or a responder, and a question without a person, with nothing sent', async () => {
    const alice = bot.emu.user('alice');
    await bot.incident('declare Odd sign-in --public --sev3');
    await bot.incident(`ask INC-1 <@${alice.id}> Was this you?`, bot.staff);
    expect(lastEphemeral(bot.staff).text).toContain('its commander and responders');
    await bot.incident('ask INC-1 @alice Was this you?');
    expect(lastEphemeral(bot.lead).text).toContain('mention the person so Slack turns it into a link');
    await bot.incident(`ask INC-1 <@${alice.id}>`);
    expect(lastEphemeral(bot.lead).text).toContain('write the question after the person');
    expect(directMessages(alice)).toEqual([]);
    expect(await askEvents()).toEqual([]);
  });
});

describe('reminder and report to the commander', () => {
  it('reminds the person once after 2 h and tells the commander once after 4 h, however often the sweep runs; the list shows it', async () => {
    const alice = bot.emu.user('alice');
    await askAlice(alice);
    for (const hours of [1, 2, 2, 3, 4, 4, 5]) {
      offset = hours * HOUR + 60_000;
      await bot.rampart.runScheduledPosts();
    }
    await bot.rampart.idle();
    const toAlice = directMessages(alice);
    expect(toAlice).toHaveLength(2);
    expect(JSON.stringify(toAlice[1]!.blocks)).toContain('Still waiting for your answer about *INC-1*');
    const toLead = directMessages(bot.lead).filter((m) => m.text.includes('has not answered'));
    expect(toLead).toHaveLength(1);
    expect(JSON.stringify(toLead[0]!.blocks)).toContain(`*INC-1*: <@${alice.id}> has not answered the question`);
    expect((await askEvents()).map((e) => e.kind)).toEqual(['ask_sent', 'ask_reminded', 'ask_escalated']);

    // Answered from the reminder: both of alice's messages show the answer.
    await bot.emu.clickButton({ user: alice.id, label: 'Yes', channel: toAlice[1]!.channel });
    await bot.rampart.idle();
    expect(directMessages(alice).map((m) => JSON.stringify(m.blocks).includes('You answered *Yes*'))).toEqual([true, true]);

    await bot.incident('asks INC-1');
    const list = lastEphemeral(bot.lead);
    expect(list.text).toBe('Questions asked on *INC-1*: 1 answered of 1');
    expect(JSON.stringify(list.blocks)).toContain('Did you sign in from &lt;Lagos&gt; at 03:12?');
    // Outsiders learn nothing of the private incident's questions.
    await bot.incident('asks INC-1', bot.staff);
    expect(lastEphemeral(bot.staff).text).toContain('INC-1 is private');
    expect(JSON.stringify(lastEphemeral(bot.staff))).not.toContain('Lagos');
  });
});
