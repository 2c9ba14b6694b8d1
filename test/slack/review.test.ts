// Post-incident reviews through the real Bolt app and the Slack emulator: the modal, its versions, its errors, and
// the prompts when an incident is closed without a review.
import { describe, expect, it } from 'vitest';
import type { ModalValues } from '../../src/sandbox/emulator/types.js';
import { CLI, allEvents, channelOf, ephemeralMessagesFor, publicMessages, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const bot = useTestBot();

async function incident(text = 'declare Credential phishing mail to the press office --sev3 --type phishing') {
  await bot.incident(text);
}

async function submit(values: ModalValues) {
  const reply = await bot.emu.submitView({ user: bot.lead.id, values });
  await bot.rampart.idle();
  return reply;
}

const openModal = () => bot.emu.openView(bot.lead.id);
const fieldsOf = (blocks: unknown) => (blocks as { type: string; label?: { text: string }; element?: Record<string, unknown> }[]).filter((b) => b.type === 'input');
const initialOf = (label: string) => fieldsOf(openModal()!.view.blocks).find((b) => b.label?.text === label)?.element;
const history = () => bot.rampart.core.reviews.history(CLI, 'INC-1');

describe('/incident review', () => {
  it('opens the modal, saves version 1 and confirms in the incident channel; reopened it is pre-filled, and a change is version 2', async () => {
    await incident();
    const reply = await bot.incident('review INC-1');
    expect(reply.status).toBe(200);
    const view = openModal()!.view;
    expect(view).toMatchObject({ callback_id: 'incident_review', title: { text: 'Post-incident review' } });
    const labels = fieldsOf(view.blocks).map((b) => b.label!.text);
    expect(labels.slice(0, 6)).toEqual(['Summary', 'Impact', 'Root cause', 'What went well', 'What went wrong', 'Lessons learnt']);
    expect(labels.slice(6, 9)).toEqual(['Action 1', 'Action 1: owner', 'Action 1: due date']);
    expect(labels).toHaveLength(6 + 5 * 3);

    const saved = await submit({
      Summary: 'Two people entered their password on a look-alike page.',
      Impact: 'Two mailboxes exposed for 40 minutes.',
      'Lessons learnt': '- Enforce MFA\n- Check sender domains',
      'Action 1': 'Enforce MFA for the press office',
      'Action 1: owner': bot.staff.id,
      'Action 1: due date': '2026-12-01',
    });
    expect(saved.status).toBe(200);
    expect(openModal()).toBeUndefined();
    const [v1] = (await history()).reviews;
    expect(v1).toMatchObject({
      version: 1,
      savedBy: bot.lead.id,
      summary: 'Two people entered their password on a look-alike page.',
      rootCause: '',
      actionItems: [{ text: 'Enforce MFA for the press office', owner: bot.staff.id, due: '2026-12-01' }],
    });
    const channel = await channelOf(bot);
    expect(publicMessages(bot, channel).at(-1)!.text).toBe(`:memo: Review saved as version 1 for INC-1 (1 action item) by <@${bot.lead.id}>.`);
    // The review's event, then its action item becoming a follow-up, in the same transaction.
    expect((await timelineOf(bot)).events.slice(-2)).toMatchObject([
      { kind: 'review_saved', source: 'slack-modal', payload: { version: 1, actionItems: 1 } },
      { kind: 'followup_added', source: 'slack-modal', payload: { text: 'Enforce MFA for the press office', owner: bot.staff.id, due: '2026-12-01' } },
    ]);
    // Private incident: nothing about the review appears outside its own channel.
    const elsewhere = bot.emu.allMessages().filter((m) => m.channel !== channel.id && m.text.includes('Review saved'));
    expect(elsewhere).toEqual([]);

    // Reopened from the incident channel (no reference needed): pre-filled with version 1.
    await bot.incident('review', bot.lead, channel);
    expect(initialOf('Summary')).toMatchObject({ initial_value: v1!.summary });
    expect(initialOf('Action 1: owner')).toMatchObject({ initial_user: bot.staff.id });
    expect(initialOf('Action 1: due date')).toMatchObject({ initial_date: '2026-12-01' });
    expect(JSON.stringify(openModal()!.view.blocks)).toContain('Pre-filled from version 1');
    // Unchanged: refused, nothing stored.
    const same = await submit({});
    expect(same.json).toMatchObject({ response_action: 'errors', errors: { review_summary: expect.stringMatching(/Nothing changed since version 1/) } });
    await submit({ 'Root cause': 'A look-alike domain', 'Action 2': 'Block look-alike domains' });
    const { reviews } = await history();
    expect(reviews.map((r) => r.version)).toEqual([1, 2]);
    expect(reviews[0]).toEqual(v1);
    expect(reviews[1]).toMatchObject({ rootCause: 'A look-alike domain', actionItems: [v1!.actionItems[0], { text: 'Block look-alike domains', owner: null, due: null }] });
    expect(publicMessages(bot, channel).at(-1)!.text).toMatch(/version 2 for INC-1 \(2 action items\)/);
  });

  it('sends problems back to their fields and stores nothing', async () => {
    await incident();
    await bot.incident('review INC-1');
    const before = await allEvents(bot);
    const reply = await submit({ Summary: '   ', 'Action 2: owner': bot.staff.id, 'Action 3': 'x'.repeat(300), 'Action 3: due date': '2020-01-01' });
    expect(reply.json).toEqual({ response_action: 'errors', errors: { review_summary: 'Write a few words', review_item_1_text: 'Say what is to be done' } });
    expect(openModal()).toBeDefined();
    expect((await history()).reviews).toEqual([]);
    expect(await allEvents(bot)).toEqual(before);
  });

  it('answers with the reason when the incident is unknown or hidden from the person', async () => {
    await incident();
    expect((await bot.incident('review INC-9')).text).toMatch(/There is no incident INC-9/);
    expect((await bot.incident('review INC-1', bot.staff)).text).toMatch(/INC-1 is private/);
    expect((await bot.incident('review')).text).toMatch(/run this inside the incident’s channel/);
    expect(openModal()).toBeUndefined();
  });
});

describe('closing without a review', () => {
  it('a sev3 closes, and the reply and channel post offer Write the review, which opens the modal', async () => {
    await incident();
    await bot.incident('status INC-1 resolved');
    await bot.incident('status INC-1 closed');
    expect((await timelineOf(bot)).incident.status).toBe('closed');
    const ack = ephemeralMessagesFor(bot, bot.lead).at(-1)!;
    expect(ack.text).toMatch(/status: resolved → \*closed\*/);
    expect(JSON.stringify(ack.blocks)).toContain('Write the review');
    // The closing post (the archive notice follows it).
    const closingPost = publicMessages(bot, await channelOf(bot)).findLast((m) => /status: resolved → \*closed\*/.test(m.text));
    expect(JSON.stringify(closingPost!.blocks)).toContain('Write the review');
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Write the review', channel: bot.general.id });
    await bot.rampart.idle();
    expect(openModal()!.view).toMatchObject({ callback_id: 'incident_review' });
    await submit({ Summary: 'Written after closing' });
    expect((await history()).reviews).toHaveLength(1);
  });

  it('a sev1 is refused with how to write the review, and stays resolved until it is written', async () => {
    await incident('declare Ransomware on the file server --sev1 --type ransomware');
    await bot.incident('status INC-1 resolved');
    const refused = await bot.incident('status INC-1 closed');
    expect(refused.text).toMatch(/^:warning: INC-1 is sev1: write its post-incident review before closing it \(`\/incident review INC-1`\)\./);
    expect((await timelineOf(bot)).incident.status).toBe('resolved');
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Write the review', channel: bot.general.id });
    await bot.rampart.idle();
    await submit({ Summary: 'Restored from backups' });
    const closed = await bot.incident('status INC-1 closed');
    expect(closed.text).toMatch(/status: resolved → \*closed\*/);
    expect(JSON.stringify(ephemeralMessagesFor(bot, bot.lead).at(-1)!.blocks ?? [])).not.toContain('Write the review');
  });
});
