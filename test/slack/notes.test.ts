// `/incident note` and `/incident correct` through the real Bolt app, on a fixed clock: back-dated notes keep when
// it happened (occurred_at) apart from when it was written down (recorded_at).
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { allEvents, channelOf, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const ZONE = 'Europe/Paris';
// Fixed, but near real time: Bolt checks request signatures' age against the real clock.
const NOW = Date.now();

const bot = useTestBot({ now: () => NOW, env: { TIMEZONE: ZONE } });
beforeEach(async () => {
  await bot.incident('declare Phishing wave on the newsroom --sev2 --type phishing');
});

describe('/incident note', () => {
  it('adds a note to the named incident, recorded now', async () => {
    const reply = await bot.incident('note INC-1 Mail gateway rule added for the sender domain');
    expect(reply.text).toBe(':memo: Added to the *INC-1* timeline as event #4.');
    const note = (await timelineOf(bot)).events.at(-1)!;
    expect(note).toMatchObject({ seq: 4, kind: 'note_added', actor: bot.lead.id, source: 'slack-command', payload: { text: 'Mail gateway rule added for the sender domain' } });
    expect(note.recordedAt.getTime()).toBe(NOW);
    expect(note.occurredAt.getTime()).toBe(NOW);
  });

  it('needs no reference inside the incident channel', async () => {
    const channel = await channelOf(bot);
    const reply = await bot.incident('note Two more reporters forwarded the mail', bot.lead, channel);
    expect(reply.text).toMatch(/Added to the \*INC-1\* timeline/);
    expect((await timelineOf(bot)).events.at(-1)).toMatchObject({ kind: 'note_added', payload: { text: 'Two more reporters forwarded the mail' } });
  });

  it('back-dates a note starting with `at HH:MM` (in the configured zone): occurred_at differs from recorded_at', async () => {
    const happened = DateTime.fromMillis(NOW - 2 * 3600_000, { zone: ZONE }).startOf('minute');
    const reply = await bot.incident(`note INC-1 at ${happened.toFormat('HH:mm')} First mail opened by a journalist`);
    expect(reply.text).toContain(`(happened at ${happened.toJSDate().toISOString()})`);
    const note = (await timelineOf(bot)).events.find((e) => e.kind === 'note_added')!;
    expect(note.payload).toEqual({ text: 'First mail opened by a journalist' });
    expect(note.occurredAt.getTime()).toBe(happened.toMillis());
    expect(note.recordedAt.getTime()).toBe(NOW);
  });

  it('orders a back-dated note before what was recorded earlier but happened later', async () => {
    const happened = DateTime.fromMillis(NOW - 3600_000, { zone: ZONE }).startOf('minute');
    await bot.incident(`note INC-1 at ${happened.toFormat('HH:mm')} Phishing mail received`);
    const kinds = (await timelineOf(bot)).events.map((e) => e.kind);
    expect(kinds[0]).toBe('note_added');
  });

  it('without a reference outside an incident channel, says what to do and stores nothing', async () => {
    const before = await allEvents(bot);
    const reply = await bot.incident('note The sender domain is registered yesterday', bot.lead, bot.general);
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(':warning: Name the incident (e.g. INC-12), or run this inside the incident’s channel.');
    expect(await allEvents(bot)).toEqual(before);
  });

  it('refuses a private incident’s note from someone who may not see it', async () => {
    const reply = await bot.incident('note INC-1 I think I saw this too', bot.staff);
    expect(reply.text).toMatch(/INC-1 is private/);
    expect((await timelineOf(bot)).events.some((e) => e.kind === 'note_added')).toBe(false);
  });
});

describe('/incident correct', () => {
  it('adds a correction pointing at the event, at that event’s time, leaving the event itself unchanged', async () => {
    const happened = DateTime.fromMillis(NOW - 2 * 3600_000, { zone: ZONE }).startOf('minute');
    await bot.incident(`note INC-1 at ${happened.toFormat('HH:mm')} 3 people clicked the link`);
    const reply = await bot.incident('correct INC-1 #4 5 people clicked the link, not 3');
    expect(reply.text).toBe(':memo: Correction to event #4 added to the *INC-1* timeline as event #5.');
    const events = (await timelineOf(bot)).events;
    expect(events.find((e) => e.seq === 4)).toMatchObject({ kind: 'note_added', payload: { text: '3 people clicked the link' } });
    const correction = events.find((e) => e.seq === 5)!;
    expect(correction).toMatchObject({ kind: 'correction', correctsSeq: 4, payload: { text: '5 people clicked the link, not 3' } });
    expect(correction.occurredAt.getTime()).toBe(happened.toMillis());
    expect(correction.recordedAt.getTime()).toBe(NOW);
  });

  it('names the problem when the event does not exist', async () => {
    const reply = await bot.incident('correct INC-1 #42 nothing');
    expect(reply.text).toContain('INC-1 has no event #42.');
  });
});
