// Issue 13's guard rails on `/incident status` through the real Bolt app: the warning with Confirm / Cancel before
// resolving or closing with open work, a reason for declining, and merge targets that must exist and be open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEvents, channelOf, ephemeralMessagesFor, publicMessages, timelineOf } from '../support/slack-state.js';
import { startTestBot, type TestBot } from '../support/slack.js';

let bot: TestBot;
let declared = 0;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.close();
});

/** Declares a public incident and returns its reference (incidents are numbered in order in this file's database). */
async function declare(title: string, extra = ''): Promise<string> {
  await bot.incident(`declare ${title} --sev3 --type phishing --public ${extra}`);
  declared += 1;
  return `INC-${declared}`;
}

/** The lead's ephemeral messages that still carry the open-work buttons. */
function prompts() {
  return ephemeralMessagesFor(bot, bot.lead).filter((m) => JSON.stringify(m.blocks ?? []).includes('status_confirm'));
}

async function click(label: string) {
  const reply = await bot.emu.clickButton({ user: bot.lead.id, label, channel: bot.general.id });
  await bot.rampart.idle();
  expect(reply.status).toBe(200);
}

describe('resolving or closing with open work', () => {
  it('warns with the counts and Confirm / Cancel, changing nothing; Cancel keeps it so', async () => {
    const ref = await declare('Phish wave');
    await bot.incident(`playbook ${ref} phishing`);
    const before = await allEvents(bot);
    const posts = bot.emu.callsTo('chat.postMessage').length;
    const reply = await bot.incident(`status ${ref} resolved`);
    expect(reply.text).toMatch(new RegExp(`^:warning: \\*${ref}\\* still has \\d+ open playbook steps\\. Resolve it anyway\\?$`));
    const prompt = prompts().at(-1)!;
    expect(JSON.stringify(prompt.blocks)).toContain(`/incident tasks ${ref}`);
    expect(await allEvents(bot)).toEqual(before);
    expect((await timelineOf(bot, ref)).incident.status).toBe('triage');

    await click('Cancel');
    expect(prompts()).toHaveLength(0); // the warning was replaced, its buttons gone
    expect(ephemeralMessagesFor(bot, bot.lead).at(-1)!.text).toBe(`:information_source: Nothing changed on *${ref}*.`);
    expect(await allEvents(bot)).toEqual(before);
    expect(bot.emu.callsTo('chat.postMessage')).toHaveLength(posts);
  });

  it('Confirm makes the change, tells the channel and replaces the warning with the confirmation', async () => {
    const ref = await declare('Phish wave');
    await bot.incident(`playbook ${ref} phishing`);
    await bot.incident(`status ${ref} resolved mailboxes cleaned`);
    await click(`Resolve ${ref}`);
    const { incident, events } = await timelineOf(bot, ref);
    expect(incident.status).toBe('resolved');
    expect(events.at(-1)).toMatchObject({ kind: 'status_changed', actor: bot.lead.id, source: 'slack-button', payload: { from: 'triage', to: 'resolved', note: 'mailboxes cleaned' } });
    expect(prompts()).toHaveLength(0);
    expect(ephemeralMessagesFor(bot, bot.lead).at(-1)!.text).toMatch(new RegExp(`\\*${ref}\\* status: triage → \\*resolved\\*.*: mailboxes cleaned$`));
    expect(publicMessages(bot, await channelOf(bot, ref)).at(-1)!.text).toMatch(/status: triage → \*resolved\*/);
  });

  it('Confirm checks the incident again: a change made meanwhile is not made twice', async () => {
    const ref = await declare('Phish wave');
    await bot.incident(`playbook ${ref} phishing`);
    await bot.incident(`status ${ref} resolved`);
    // Meanwhile someone else resolved it (and the prompt was never answered).
    await bot.rampart.core.changeStatus({ id: bot.lead.id, source: 'cli' }, ref, 'resolved');
    const before = await allEvents(bot);
    await click(`Resolve ${ref}`);
    expect(await allEvents(bot)).toEqual(before);
    expect((await timelineOf(bot, ref)).incident.status).toBe('resolved');
    expect(ephemeralMessagesFor(bot, bot.lead).at(-1)!.text).toMatch(new RegExp(`^:warning: ${ref} is resolved; it cannot move to resolved\\.`));
    expect(prompts()).toHaveLength(0);
  });

  it('counts review action items when closing', async () => {
    const ref = await declare('Phish wave');
    await bot.incident(`status ${ref} resolved`);
    await bot.rampart.core.reviews.save({ id: bot.lead.id, source: 'slack-command' }, ref, {
      summary: 'Handled.', impact: '', rootCause: '', wentWell: '', wentWrong: '', lessons: '',
      actionItems: [{ text: 'Enforce MFA', owner: null, due: null }],
    });
    const reply = await bot.incident(`status ${ref} closed`);
    expect(reply.text).toBe(`:warning: *${ref}* still has 1 review action item. Close it anyway?`);
    expect((await timelineOf(bot, ref)).incident.status).toBe('resolved');
    await click(`Close ${ref}`);
    expect((await timelineOf(bot, ref)).incident.status).toBe('closed');
  });

  it('changes at once when there is no open work', async () => {
    const ref = await declare('Phish wave');
    const reply = await bot.incident(`status ${ref} resolved`);
    expect(reply.text).toMatch(/status: triage → \*resolved\*/);
    expect((await timelineOf(bot, ref)).incident.status).toBe('resolved');
  });
});

describe('declining and merging', () => {
  it('declined without a reason asks for one', async () => {
    const ref = await declare('Odd mail');
    const reply = await bot.incident(`status ${ref} declined`);
    // Slack shows &lt;why&gt; as <why>.
    expect(reply.text).toBe(`:warning: Say why ${ref} is declined: \`/incident status ${ref} declined &lt;why&gt;\`.`);
    expect((await timelineOf(bot, ref)).incident.status).toBe('triage');
  });

  it('merged INC-99 says INC-99 does not exist; a closed target is refused; show names the target', async () => {
    const ref = await declare('Same phish');
    expect((await bot.incident(`status ${ref} merged INC-99 duplicate`)).text).toMatch(/^:warning: INC-99 does not exist\./);
    const closedDrill = await declare('Tabletop', '--drill');
    await bot.incident(`status ${closedDrill} resolved`);
    await bot.incident(`status ${closedDrill} closed`);
    expect((await bot.incident(`status ${ref} merged ${closedDrill}`)).text).toMatch(new RegExp(`^:warning: ${closedDrill} is closed; merge ${ref} into an open incident`));
    const target = await declare('Phish wave');
    await bot.incident(`status ${ref} merged ${target} duplicate`);
    expect((await timelineOf(bot, ref)).incident.status).toBe('merged');
    await bot.incident(`show ${ref}`);
    expect(JSON.stringify(ephemeralMessagesFor(bot, bot.lead).at(-1)!.blocks)).toContain(`*Merged into:* ${target}: Phish wave`);
  });
});
