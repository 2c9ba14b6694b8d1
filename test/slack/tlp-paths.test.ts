// TLP enforcement through every output, with the real Bolt app, the Slack emulator and the database: a note marked
// TLP:RED on an AMBER incident never reaches an AMBER audience (the incident channel of a public incident, the shared
// channels, a report or export written for AMBER), while an unmarked (AMBER) note does where it may; and every report
// and export opens with its marking in FIRST's wording. The paths are listed once below, so a new output is one line.
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, renderReport, type Core } from '../../src/core/index.js';
import { REPORT_FORMATS } from '../../src/core/reports/report.js';
import { TLP_WORDING } from '../../src/core/tlp/tlp.js';
import { CLI, channelOf, ephemeralMessagesFor, publicMessages, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const bot = useTestBot();

const RED_TEXT = 'suspect-is-jdoe-in-payroll';
const RED_CORRECTION = 'suspect-is-jdoe-not-jane';
const AMBER_TEXT = 'rotated-the-leaked-key';
const AMBER_STATEMENT = `TLP:AMBER: ${TLP_WORDING.AMBER}`;
const RED_STATEMENT = `TLP:RED: ${TLP_WORDING.RED}`;

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const c of chunks) all += c;
  return all;
}

/** A public incident (TLP:AMBER by default) with an AMBER note, a RED note and a correction of the RED note. */
async function markedIncident() {
  const declared = await bot.incident('declare Leaked API key in a public repository --public --sev2 --type malware');
  if (!declared.text.includes('INC-1')) throw new Error(declared.text);
  await bot.incident(`note INC-1 ${AMBER_TEXT}`);
  await bot.incident(`note INC-1 TLP:RED ${RED_TEXT}`);
  const red = (await timelineOf(bot)).events.find((e) => e.kind === 'note_added' && String(e.payload.text).includes(RED_TEXT))!;
  await bot.incident(`correct INC-1 #${red.seq} ${RED_CORRECTION}`);
  await bot.rampart.idle();
  return channelOf(bot);
}

/** What a reader may find in an output: what it must not, what it must. */
function expectAmberOnly(output: string, where: string) {
  expect(output, where).not.toContain(RED_TEXT);
  expect(output, where).not.toContain(RED_CORRECTION);
  expect(output, where).toContain(AMBER_TEXT);
}

const core = (): Core => bot.rampart.core;

describe('a RED note never reaches an AMBER audience', () => {
  it('stores the marking with the note and its correction, and the timeline shown to a responder holds both', async () => {
    await markedIncident();
    const events = (await timelineOf(bot)).events;
    expect(events.find((e) => String(e.payload.text ?? '').includes(RED_TEXT))!.payload).toMatchObject({ tlp: 'RED', text: RED_TEXT });
    expect(events.find((e) => e.kind === 'correction')!.payload).toMatchObject({ tlp: 'RED' });
    expect(events.find((e) => String(e.payload.text ?? '').includes(AMBER_TEXT))!.payload.tlp).toBeUndefined();
    // Shown to one person who may see the incident: a RED audience, so everything, marked.
    await bot.incident('timeline INC-1');
    const mine = JSON.stringify(ephemeralMessagesFor(bot, bot.lead).at(-1)!.blocks);
    expect(mine).toContain(RED_TEXT);
    expect(mine).toContain('Note (TLP:RED)');
    expect(mine).toContain(RED_STATEMENT);
  });

  it('the timeline shown to someone who is not among its people (an AMBER audience for a public incident) withholds it', async () => {
    await markedIncident();
    await bot.incident('timeline INC-1', bot.staff);
    const theirs = JSON.stringify(ephemeralMessagesFor(bot, bot.staff).at(-1)!.blocks);
    expectAmberOnly(theirs, 'outsider timeline');
    expect(theirs).toContain(AMBER_STATEMENT);
    expect(theirs).toContain('2 timeline events withheld (TLP:RED)');
  });

  it('the timeline shared in the public incident channel (AMBER) withholds it and says so', async () => {
    const channel = await markedIncident();
    await bot.incident('timeline INC-1 share');
    const shared = JSON.stringify(publicMessages(bot, channel).at(-1)!.blocks);
    expectAmberOnly(shared, 'shared timeline');
    expect(shared).toContain(AMBER_STATEMENT);
    expect(shared).toContain('2 timeline events withheld (TLP:RED)');
  });

  it.each(REPORT_FORMATS)('the %s report file in the public incident channel withholds it and carries its marking', async (format) => {
    await markedIncident();
    await bot.incident(`report INC-1 ${format}`);
    await bot.rampart.idle();
    const file = bot.emu.files().at(-1)!;
    const body = file.bytes!.toString('utf8');
    expectAmberOnly(body, `${format} report`);
    expect(body).toContain(AMBER_STATEMENT);
    // Markdown and HTML say it first; the row formats in their first record after any header.
    expect(body.indexOf(AMBER_STATEMENT)).toBeLessThan(body.indexOf(AMBER_TEXT));
  });

  it.each(REPORT_FORMATS)('a %s report written for AMBER (rampart report --tlp AMBER) withholds it; the default (RED) holds it', async (format) => {
    await markedIncident();
    const amber = await core().tlp.report(CLI, 'INC-1', { audience: 'AMBER' });
    const body = await text(renderReport(format, amber.source));
    expectAmberOnly(body, `${format} for AMBER`);
    expect(body).toContain(AMBER_STATEMENT);
    const red = await core().tlp.report(CLI, 'INC-1', { audience: 'RED' });
    const full = await text(renderReport(format, red.source));
    expect(full).toContain(RED_TEXT);
    expect(full).toContain(RED_STATEMENT);
  });

  it.each(EXPORT_FORMATS)('the %s export for AMBER withholds it and carries its marking; a RED incident is left out and counted', async (format) => {
    await markedIncident();
    await bot.incident('declare Board member phished --sev2 --type phishing');
    await bot.incident('note INC-2 private-board-detail');
    const body = await text(core().exportAll({ since: null, format, audience: 'AMBER' }));
    expectAmberOnly(body, `${format} export`);
    expect(body).not.toContain('private-board-detail');
    expect(body).not.toContain('Board member phished');
    expect(body).toContain(AMBER_STATEMENT);
    if (format === 'json') expect(JSON.parse(body).tlp.withheld).toEqual([{ marking: 'RED', count: 1 }]);
    else expect(body).toContain('1 incident withheld (TLP:RED)');
    const full = await text(core().exportAll({ since: null, format }));
    expect(full).toContain(RED_TEXT);
    expect(full).toContain(RED_STATEMENT);
  });

  it('no message Slack shows anyone but the responders who asked holds it: card, announcement, channel posts, Home of an outsider, digest', async () => {
    const channel = await markedIncident();
    await bot.incident('status INC-1 investigating');
    await bot.incident('timeline INC-1 share');
    await bot.incident('report INC-1');
    await core().home.open({ id: bot.staff.id, source: 'slack-command' });
    await bot.rampart.idle();
    // Every message that is not an ephemeral reply to the responder who asked: channel posts, the card, the
    // announcement, the Home tab views, direct messages.
    const seen = bot.emu.allMessages().filter((m) => !(m.ephemeral && m.user === bot.lead.id));
    expect(seen.length).toBeGreaterThan(3);
    for (const m of seen) expect(JSON.stringify(m), `message in ${m.channel}`).not.toContain(RED_TEXT);
    for (const view of bot.emu.views()) expect(JSON.stringify(view)).not.toContain(RED_TEXT);
    const card = JSON.stringify(publicMessages(bot, channel)[0]);
    expect(card).toContain('TLP:AMBER');
    const announcement = JSON.stringify(publicMessages(bot, bot.incidents));
    expect(announcement).toContain('Leaked API key');
    expect(JSON.stringify(await core().home.read({ id: bot.staff.id, source: 'slack-command' }))).not.toContain(RED_TEXT);
    expect(JSON.stringify(await core().digest.preview({ id: bot.lead.id, source: "slack-command" }))).not.toContain(RED_TEXT);
  });

  it('/incident search by someone who is not among its people (AMBER) finds the AMBER note, never the RED one', async () => {
    await markedIncident();
    const reply = async (words: string, who = bot.staff) => {
      await bot.incident(`search ${words}`, who);
      return JSON.stringify(ephemeralMessagesFor(bot, who).at(-1));
    };
    expect(await reply('rotated leaked key')).toContain(AMBER_TEXT);
    const red = await reply('suspect jdoe payroll');
    expect(red).not.toContain(RED_TEXT);
    expect(red).not.toContain('INC-1');
    // The responder who wrote it is a RED audience: the same search finds it.
    expect(await reply('suspect jdoe payroll', bot.lead)).toContain(RED_TEXT);
  });
});

describe('marking incidents and notes', () => {
  it('a note may not be marked looser than its incident, and a TLP word inside the text marks nothing', async () => {
    await bot.incident('declare Suspicious login on the finance mailbox --type account-compromise');
    const looser = await bot.incident('note INC-1 TLP:AMBER we think it was a test');
    expect(looser.text).toContain('INC-1 is marked TLP:RED; a note may be marked as strictly or more strictly, not TLP:AMBER');
    const bad = await bot.incident('note INC-1 TLP:PURPLE hello');
    expect(bad.text).toContain('"TLP:PURPLE" is not a TLP marking');
    await bot.incident('note INC-1 the mail said TLP:CLEAR at the bottom');
    const events = (await timelineOf(bot)).events.filter((e) => e.kind === 'note_added');
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({ text: 'the mail said TLP:CLEAR at the bottom' });
  });

  it('a marked lesson is offered for promotion with its marking, so the tip for all staff leaves it out', async () => {
    await markedIncident();
    await bot.incident('lesson INC-1 TLP:RED jdoe reused the payroll password');
    await bot.incident('lesson INC-1 keys in repositories get found within hours');
    const { lessons } = await core().lessons.of(CLI, 'INC-1');
    expect(lessons).toEqual(['[TLP:RED] jdoe reused the payroll password', 'keys in repositories get found within hours']);
  });

  it('the card’s note form offers the incident’s marking and the stricter ones, and stores the one chosen', async () => {
    const channel = await markedIncident();
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Add a note', channel: channel.id });
    await bot.rampart.idle();
    const form = JSON.stringify(bot.emu.views().at(-1));
    expect(form).toContain('TLP:AMBER, as the incident');
    expect(form).toContain('TLP:AMBER+STRICT: ');
    expect(form).not.toContain('TLP:GREEN');
    await bot.emu.submitView({ user: bot.lead.id, values: { note: 'form-note-for-named-people', note_tlp: 'RED' } });
    await bot.rampart.idle();
    expect((await timelineOf(bot)).events.at(-1)!.payload).toEqual({ text: 'form-note-for-named-people', tlp: 'RED' });
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Add a note', channel: channel.id });
    await bot.rampart.idle();
    await bot.emu.submitView({ user: bot.lead.id, values: { note: 'form-note-as-incident' } });
    await bot.rampart.idle();
    expect((await timelineOf(bot)).events.at(-1)!.payload).toEqual({ text: 'form-note-as-incident' });
  });

  it('/incident tlp sets the marking (commander or responders), records why, and the card shows it; a stricter incident leaves the shared channel', async () => {
    const channel = await markedIncident();
    const refused = await bot.incident('tlp INC-1 red', bot.staff);
    expect(refused.text).toContain('change this incident’s TLP marking');
    await bot.incident('tlp INC-1 red names a suspect');
    expect(ephemeralMessagesFor(bot, bot.lead).at(-1)!.text).toContain('*INC-1* is now marked *TLP:RED* (was TLP:AMBER)');
    const event = (await timelineOf(bot)).events.at(-1)!;
    expect(event).toMatchObject({ kind: 'tlp_changed', payload: { from: 'AMBER', to: 'RED', reason: 'names a suspect' } });
    const again = await bot.incident('tlp INC-1 RED');
    expect(again.text).toContain('INC-1 is already TLP:RED');
    await bot.rampart.idle();
    expect(JSON.stringify(publicMessages(bot, channel)[0])).toContain('TLP:RED');
    // The announcement (shared channel, AMBER) now names it by reference only, and its public channel may not receive it.
    const announcement = publicMessages(bot, bot.incidents).at(-1)!;
    expect(JSON.stringify(announcement)).not.toContain('Leaked API key');
    const share = await bot.incident('timeline INC-1 share');
    expect(share.text).toContain('INC-1 is marked TLP:RED, and its channel is a TLP:AMBER audience');
    const outsider = await bot.incident('timeline INC-1', bot.staff);
    expect(outsider.text).toContain('INC-1 is marked TLP:RED, and someone not among its people or responders is a TLP:AMBER audience');
    await bot.incident('show INC-1');
    expect(JSON.stringify(ephemeralMessagesFor(bot, bot.lead).at(-1)!.blocks)).toContain('TLP:RED: For the eyes and ears');
    const cli = await core().tlp.report(CLI, 'INC-1', { audience: 'AMBER' }).catch((e: Error) => e.message);
    expect(cli).toContain('this report is a TLP:AMBER audience');
  });
});
