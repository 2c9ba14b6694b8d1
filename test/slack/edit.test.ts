// `/incident edit` through the real Bolt app (issue 13): each correction is an incident_edited event written with the
// change, the incident channel and the announcement are told through the outbox, making an incident public needs a
// responder and a confirmation, and refusals change nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { allEvents, channelOf, ephemeralMessagesFor, publicMessages, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const bot = useTestBot();

/** The announcement in the incidents channel, as everyone sees it now (text and blocks). */
function announcement(ref = 'INC-1') {
  const found = publicMessages(bot, bot.incidents).find((m) => JSON.stringify(m).includes(`*${ref}*`));
  if (!found) throw new Error(`no announcement of ${ref}`);
  return { ...found, all: JSON.stringify({ text: found.text, blocks: found.blocks }) };
}

/** What the incident channel last showed everyone. */
async function lastChannelPost(ref = 'INC-1'): Promise<string | undefined> {
  return publicMessages(bot, await channelOf(bot, ref)).at(-1)?.text;
}

describe('/incident edit private (public → private)', () => {
  it('records the change, replaces the announcement by a notice without the title, and says the channel stays public', async () => {
    await bot.incident('declare Candidate medical records are now online --public');
    expect(announcement().all).toContain('Candidate medical records');
    const reply = await bot.incident('edit INC-1 private');
    expect(reply.text).toContain(`*INC-1* is now *private* (was public) (by <@${bot.lead.id}>)`);
    expect(reply.text).toContain('announcement now says only that an incident was made private');
    expect(reply.text).toContain('Its channel keeps its name, #inc-1-candidate-medical-records-are-now-online');
    const { incident, events } = await timelineOf(bot);
    expect(incident.private).toBe(true);
    expect(events.at(-1)).toMatchObject({ kind: 'incident_edited', actor: bot.lead.id, payload: { field: 'private', from: 'public', to: 'private' } });
    const updated = announcement();
    expect(updated.edited).toBe(true);
    expect(updated.all).not.toContain('medical');
    expect(updated.text).toBe(':lock: *INC-1* was made private; its details are shared only with the people working on it.');
    // The announcement once (the incident card is updated too, issue 15).
    expect(bot.emu.callsTo('chat.update').filter((c) => c.params.ts === updated.ts)).toHaveLength(1);
    expect(await lastChannelPost()).toMatch(/is now \*private\* \(was public\).*\nIf the incident channel is public, it stays public: Slack does not let apps make a channel private/s);
  });

  it('inside the incident channel, the reference may be left out and the channel post is the answer', async () => {
    await bot.incident('declare Website defaced --public');
    const channel = await channelOf(bot);
    const before = ephemeralMessagesFor(bot, bot.lead).length;
    await bot.incident('edit private', bot.lead, channel);
    expect((await timelineOf(bot)).incident.private).toBe(true);
    expect(ephemeralMessagesFor(bot, bot.lead)).toHaveLength(before);
    expect(await lastChannelPost()).toMatch(/\*INC-1\* is now \*private\*/);
  });
});

describe('/incident edit public (private → public)', () => {
  beforeEach(async () => {
    await bot.incident('declare Website defaced --type defacement');
  });

  it('asks first, changes nothing until confirmed, then makes it public and updates the announcement', async () => {
    const eventsBefore = await allEvents(bot);
    const reply = await bot.incident('edit INC-1 public');
    expect(reply.text).toContain('Make *INC-1* public?');
    expect(await allEvents(bot)).toEqual(eventsBefore);
    expect((await timelineOf(bot)).incident.private).toBe(true);
    expect(announcement().all).not.toContain('Website defaced');

    await bot.emu.clickButton({ user: bot.lead.id, label: 'Make INC-1 public' });
    await bot.rampart.idle();
    const { incident, events } = await timelineOf(bot);
    expect(incident.private).toBe(false);
    expect(events.at(-1)).toMatchObject({ kind: 'incident_edited', source: 'slack-button', payload: { field: 'private', from: 'private', to: 'public' } });
    expect(announcement().all).toContain('Website defaced');
    // The question is replaced by the answer, so it cannot be confirmed twice.
    const answers = ephemeralMessagesFor(bot, bot.lead).map((m) => m.text);
    expect(answers.some((t) => t.includes('Make *INC-1* public?'))).toBe(false);
    expect(answers.at(-1)).toMatch(/\*INC-1\* is now \*public\* \(was private\).*channel stays private/s);
  });

  it('Cancel leaves it private', async () => {
    await bot.incident('edit INC-1 public');
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Cancel' });
    await bot.rampart.idle();
    expect((await timelineOf(bot)).incident.private).toBe(true);
    expect(ephemeralMessagesFor(bot, bot.lead).at(-1)?.text).toBe('Cancelled: *INC-1* is unchanged.');
  });

  it('is refused for a non-responder, even its commander, without a question', async () => {
    await bot.incident(`assign INC-1 commander <@${bot.staff.id}>`);
    const before = await allEvents(bot);
    const reply = await bot.incident('edit INC-1 public', bot.staff);
    expect(reply.text).toBe(':warning: Only responders can make a private incident public. Ask your security lead to add you to RESPONDERS.');
    expect(await allEvents(bot)).toEqual(before);
    // The commander may still make the other corrections.
    await bot.incident('edit INC-1 title Website defaced by a botnet', bot.staff);
    expect((await timelineOf(bot)).incident.title).toBe('Website defaced by a botnet');
  });

  it('refuses a security-sensitive type', async () => {
    await bot.incident('declare Finance mailbox taken over --type account-compromise');
    const reply = await bot.incident('edit INC-2 public');
    expect(reply.text).toContain('INC-2 is of type account-compromise, which is security-sensitive and always private.');
  });
});

describe('/incident edit title, type, drill and real', () => {
  it('changes the title of a public incident: event, channel post and announcement', async () => {
    await bot.incident('declare Website down --public');
    await bot.incident('edit INC-1 title Website defaced by a botnet');
    const { incident, events } = await timelineOf(bot);
    expect(incident.title).toBe('Website defaced by a botnet');
    expect(events.at(-1)).toMatchObject({ kind: 'incident_edited', payload: { field: 'title', from: 'Website down', to: 'Website defaced by a botnet' } });
    expect(await lastChannelPost()).toBe(`*INC-1* title: Website down → *Website defaced by a botnet* (by <@${bot.lead.id}>)`);
    expect(announcement().all).toContain('Website defaced by a botnet');
  });

  it('changes the type, refusing a sensitive type for a public incident', async () => {
    await bot.incident('declare Odd mail --public');
    expect((await bot.incident('edit INC-1 type account-compromise')).text).toContain('make INC-1 private first');
    await bot.incident('edit INC-1 type phishing');
    const { incident, events } = await timelineOf(bot);
    expect(incident.type).toBe('phishing');
    expect(events.at(-1)).toMatchObject({ kind: 'incident_edited', payload: { field: 'type', from: 'other', to: 'phishing' } });
  });

  it('turns a drill into a real incident and back, and the announcement follows', async () => {
    await bot.incident('declare Tabletop: lost laptop --public --drill');
    expect(announcement().text).toContain('DRILL');
    await bot.incident('edit INC-1 real');
    expect((await timelineOf(bot)).incident.drill).toBe(false);
    expect(announcement().text).not.toContain('DRILL');
    expect(await lastChannelPost()).toMatch(/\*INC-1\* is now \*a real incident\* \(was a drill\)/);
    await bot.incident('edit INC-1 drill');
    const { incident, events } = await timelineOf(bot);
    expect(incident.drill).toBe(true);
    expect(events.filter((e) => e.kind === 'incident_edited').map((e) => e.payload)).toEqual([
      { field: 'drill', from: 'drill', to: 'real' },
      { field: 'drill', from: 'real', to: 'drill' },
    ]);
    expect(announcement().text).toContain('DRILL');
  });

  it('refuses a non-responder who is not its commander, and a change that changes nothing', async () => {
    await bot.incident('declare Website down --public');
    const before = await allEvents(bot);
    expect((await bot.incident('edit INC-1 title Nothing to see', bot.staff)).text).toMatch(/^:warning: Only its commander and responders can correct this incident’s title/);
    expect((await bot.incident('edit INC-1 drill', bot.staff)).text).toMatch(/^:warning: Only its commander and responders/);
    expect((await bot.incident('edit INC-1 public')).text).toContain('INC-1 is already public; nothing changed.');
    expect((await bot.incident('edit INC-1 title Website down')).text).toContain('INC-1 already has that title; nothing changed.');
    expect(await allEvents(bot)).toEqual(before);
  });
});
