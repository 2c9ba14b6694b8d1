// Observables through the real Bolt app and the Slack emulator: `/incident ioc add|list|mark|export` (values shown
// defanged, "also in" only for incidents the person may see), the Add observable form, and the offer a note's scan
// makes to its author only, whose Add button records the observable as offered from a scan.
import { describe, expect, it } from 'vitest';
import type { EmuUser } from '../../src/sandbox/emulator/types.js';
import { slackOutbox } from '../../src/db/schema.js';
import { CLI, channelOf, ephemeralMessagesFor, publicMessages, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const bot = useTestBot();
const lastEphemeral = (user: EmuUser = bot.lead) => ephemeralMessagesFor(bot, user).at(-1)!;
const blocksOf = (m: { blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []);
const observableEvents = async () => (await timelineOf(bot)).events.filter((e) => e.kind.startsWith('observable_'));

describe('/incident ioc', () => {
  it('adds, lists and marks, showing values defanged; "also in" names only incidents the person may see', async () => {
    await bot.incident('declare Credential phishing mail --type phishing');
    const channel = await channelOf(bot);
    // Slack sends a URL it made a link as <target|label>: the target is the observable.
    await bot.incident('ioc add <https://evil.example/login|evil.example/login>', bot.lead, channel);
    expect(lastEphemeral().text).toBe(':white_check_mark: *INC-1*: URL `hxxps://evil[.]example/login` added.');
    await bot.incident('ioc add INC-1 203.0.113[.]7', bot.lead, bot.general);
    await bot.incident('ioc add INC-1 +44 20 7946 0000', bot.lead, bot.general);
    expect(lastEphemeral().text).toContain('phone number `+442079460000` added');
    await bot.incident('ioc mark INC-1 203.0.113.7 malicious', bot.lead, bot.general);
    expect(lastEphemeral().text).toBe(':white_check_mark: *INC-1*: IPv4 address `203.0.113[.]7` marked malicious.');

    // A second, public incident with the same address: the lead (a responder) sees "also in INC-1" there.
    await bot.rampart.core.declare(CLI, { title: 'Beacon seen', private: false });
    await bot.incident('ioc add INC-2 203.0.113.7', bot.lead, bot.general);
    expect(lastEphemeral().text).toContain('Also in *INC-1*.');
    // staff may see public INC-2, not private INC-1: the private incident is not named to them at all.
    await bot.incident('ioc list INC-2', bot.staff, bot.general);
    expect(blocksOf(lastEphemeral(bot.staff))).toContain('203.0.113[.]7');
    expect(blocksOf(lastEphemeral(bot.staff))).not.toContain('INC-1');
    await bot.incident('ioc list INC-1', bot.lead, bot.general);
    const list = blocksOf(lastEphemeral());
    expect(list).toContain(':red_circle: malicious · IPv4 address `203.0.113[.]7` · also in *INC-2*');
    expect(list).toContain('URL `hxxps://evil[.]example/login`');
    // Nothing live is shown: no undefanged host or address anywhere in what Slack got.
    expect(list).not.toMatch(/https:\/\/evil|evil\.example|203\.0\.113\.7/);

    await bot.incident('ioc list INC-1', bot.staff, bot.general);
    expect(lastEphemeral(bot.staff).text).toContain('INC-1 is private');
    await bot.incident('ioc add INC-1 alice', bot.lead, bot.general);
    expect(lastEphemeral().text).toContain('Add its type after it');
    await bot.incident('ioc mark INC-1 203.0.113.7 evil', bot.lead, bot.general);
    expect(lastEphemeral().text).toContain('/incident ioc mark [INC-12] &lt;value&gt; malicious|suspicious|benign|unknown');
    expect((await observableEvents()).map((e) => [e.kind, e.source])).toEqual([
      ['observable_added', 'slack-command'],
      ['observable_added', 'slack-command'],
      ['observable_added', 'slack-command'],
      ['observable_marked', 'slack-command'],
    ]);
  });

  it('exports a file to the incident channel carrying the marking', async () => {
    await bot.incident('declare Credential phishing mail --type phishing');
    const channel = await channelOf(bot);
    await bot.incident('ioc add INC-1 evil[.]example', bot.lead, channel);
    const reply = await bot.incident('ioc export csv', bot.lead, channel);
    expect(reply.text).toContain('Uploading 1 observable of *INC-1* as CSV (TLP:RED)');
    const file = bot.emu.files().at(-1)!;
    expect(file).toMatchObject({ name: 'inc-1-observables.csv', completed: true, channels: [channel.id] });
    expect(file.bytes!.toString('utf8')).toMatch(/^# TLP:RED: For the eyes and ears of individual recipients only/);
    expect(publicMessages(bot, channel).at(-1)!.files?.[0]?.name).toBe('inc-1-observables.csv');
    await bot.incident('ioc export INC-1 stix', bot.lead, bot.general);
    expect(JSON.parse(bot.emu.files().at(-1)!.bytes!.toString('utf8'))).toMatchObject({ type: 'bundle' });
  });

  it('opens the Add observable form, which refuses a bad value next to the field and adds a good one', async () => {
    await bot.incident('declare Credential phishing mail --type phishing');
    const channel = await channelOf(bot);
    await bot.incident('ioc', bot.lead, channel);
    expect(bot.emu.openView(bot.lead.id)!.view).toMatchObject({ callback_id: 'observable_add', title: { text: 'Add observable' } });
    const bad = await bot.emu.submitView({ user: bot.lead.id, values: { observable_value: '300.1.1.1' } });
    expect(JSON.stringify(bad.body)).toContain('at most 255');
    expect(bot.emu.openView(bot.lead.id)).toBeDefined();
    await bot.emu.submitView({ user: bot.lead.id, values: { observable_value: 'CORP\\alice', observable_type: 'Account name' } });
    await bot.rampart.idle();
    expect(bot.emu.openView(bot.lead.id)).toBeUndefined();
    expect(lastEphemeral().text).toBe(':white_check_mark: *INC-1*: account name `CORP\\alice` added.');
    expect((await observableEvents()).map((e) => [e.source, e.payload.type, e.payload.value])).toEqual([['slack-modal', 'account', 'CORP\\alice']]);

    // Elsewhere the incident is named; without it, the reply says so and no form opens; an outsider gets the refusal.
    await bot.incident('ioc', bot.lead, bot.general);
    expect(lastEphemeral().text).toContain('Name the incident');
    expect(bot.emu.openView(bot.lead.id)).toBeUndefined();
    await bot.incident('ioc INC-1', bot.staff, bot.general);
    expect(lastEphemeral(bot.staff).text).toContain('INC-1 is private');
    expect(bot.emu.openView(bot.staff.id)).toBeUndefined();
    await bot.incident('ioc INC-1', bot.lead, bot.general);
    expect(bot.emu.openView(bot.lead.id)!.view).toMatchObject({ callback_id: 'observable_add', private_metadata: JSON.stringify({ ref: 'INC-1', channel: bot.general.id }) });
  });
});

describe('observables offered from a note', () => {
  it('offers what the note holds to its author only, never a secret, and adds one with its Add button', async () => {
    await bot.incident('declare Credential phishing mail --type phishing');
    const channel = await channelOf(bot);
    await bot.incident('note the mail came from bad[@]evil[.]example via 198.51.100.23 with password=Hunter2Hunter2!', bot.lead, channel);
    const offer = lastEphemeral();
    const blocks = blocksOf(offer);
    expect(blocks).toContain('email address `bad[@]evil[.]example`');
    expect(blocks).toContain('IPv4 address `198.51.100[.]23`');
    expect(blocks).not.toContain('Hunter2');
    expect(blocks.match(/"Add"/g)).toHaveLength(2);
    // Nothing is added until the author chooses.
    expect(await observableEvents()).toEqual([]);
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Add', near: '198.51.100[.]23' });
    await bot.rampart.idle();
    expect(lastEphemeral().text).toBe(':white_check_mark: *INC-1*: IPv4 address `198.51.100[.]23` added.');
    expect((await observableEvents()).map((e) => [e.kind, e.payload.value, e.payload.origin])).toEqual([['observable_added', '198.51.100.23', 'scan']]);
    // Nobody else was shown the offer.
    expect(bot.emu.allMessages().filter((m) => m.ephemeral && JSON.stringify(m.blocks ?? []).includes('Observables in what you wrote')).map((m) => m.visible_to)).toEqual([bot.lead.id]);
  });
});

describe('observables offered from a pinned message', () => {
  it('offers them once, to the person who pinned only, through the outbox; a retried delivery offers nothing more', async () => {
    await bot.incident('declare Credential phishing mail --type phishing');
    const channel = await channelOf(bot);
    const alert = bot.emu.postAsUser(bot.lead.id, channel.id, 'Mail gateway: sender bad@evil.example, link hxxp://evil[.]example/x, token ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    await bot.emu.pin({ user: bot.lead.id, channel: channel.id, ts: alert.ts, eventId: 'EvPINIOC01' });
    await bot.emu.pin({ user: bot.lead.id, channel: channel.id, ts: alert.ts, eventId: 'EvPINIOC01', retryNum: 1 });
    await bot.rampart.idle();
    const offers = bot.emu.allMessages().filter((m) => m.ephemeral && JSON.stringify(m.blocks ?? []).includes('the message you pinned'));
    expect(offers.map((m) => m.visible_to)).toEqual([bot.lead.id]);
    const blocks = blocksOf(offers[0]!);
    expect(blocks).toContain('email address `bad[@]evil[.]example`');
    expect(blocks).toContain('URL `hxxp://evil[.]example/x`');
    expect(blocks).not.toContain('ghp_');
    expect(bot.emu.callsTo('chat.postEphemeral').filter((c) => JSON.stringify(c).includes('the message you pinned'))).toHaveLength(1);
    expect(await observableEvents()).toEqual([]);
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Add', near: 'bad[@]evil[.]example' });
    await bot.rampart.idle();
    expect((await observableEvents()).map((e) => [e.payload.type, e.payload.value, e.payload.origin, e.source])).toEqual([['email', 'bad@evil.example', 'scan', 'slack-button']]);
  });
});

describe('a pin’s offer when Slack’s answer is lost', () => {
  // Its own bot with a clock moved by `offset`, so the outbox's backoff passes without waiting.
  let offset = 0;
  const lossy = useTestBot({ now: () => Date.now() + offset });

  it('is shown once: an ephemeral message cannot be looked up, so it is not sent again', async () => {
    offset = 0;
    await lossy.incident('declare Credential phishing mail --type phishing');
    const channel = await channelOf(lossy);
    const alert = lossy.emu.postAsUser(lossy.lead.id, channel.id, 'Beacon to 198.51.100.77 every minute');
    // Slack shows the offer but the answer never arrives.
    lossy.emu.injectFault({ method: 'chat.postEphemeral', kind: 'reset', handled: true, times: 1 });
    await lossy.emu.pin({ user: lossy.lead.id, channel: channel.id, ts: alert.ts });
    await lossy.rampart.idle();
    offset += 10 * 60_000;
    lossy.rampart.outbox.notify();
    await lossy.rampart.idle();
    const offers = lossy.emu.allMessages().filter((m) => m.ephemeral && JSON.stringify(m.blocks ?? []).includes('198.51.100[.]77'));
    expect(offers.map((m) => m.visible_to)).toEqual([lossy.lead.id]);
    expect(lossy.emu.callsTo('chat.postEphemeral')).toHaveLength(1);
    const [row] = (await lossy.database.db.select().from(slackOutbox)).filter((r) => r.kind === 'observables_offered');
    expect(row).toMatchObject({ attempts: 2, result: { skipped: 'an earlier attempt may have shown it, and ephemeral messages cannot be looked up' } });
    expect(row!.deliveredAt).not.toBeNull();
  });
});
