// An incident's Slack set-up (channel, invite, first message, announcement) through the outbox, under the faults that
// used to leave it half-done or doubled: Slack creating the channel but its answer being lost, a set-up that keeps
// failing, and a stuck set-up beside another incident's. Time is a fake clock the worker's sleeps move.
import { beforeEach, describe, expect, it } from 'vitest';
import { ephemeralsFor, useTestBot } from '../support/slack.js';
import { CLI } from '../support/slack-state.js';
import { WebClient } from '@slack/web-api';
import { slackOutbox } from '../../src/db/schema.js';
import { createLogger } from '../../src/log.js';
import { refreshChecklist } from '../../src/slack/services/checklist-messages.js';

let now = Date.now();
const bot = useTestBot({
  now: () => now,
  sleep: async (ms) => {
    now += ms;
  },
  // As in production: the Bolt client retries on its own, which is what doubled posts made outside the outbox.
  slackRetries: 3,
});
beforeEach(() => {
  now = Date.now();
});

const created = () => bot.emu.callsTo('conversations.create');
const incidentChannels = () => created().filter((c) => c.response.ok === true);
const intros = (channel: string) => bot.emu.messages(channel).filter((m) => !m.ephemeral && m.text.startsWith('INC-1: '));
const announcements = (ref: string) => bot.emu.messages(bot.incidents.id).filter((m) => !m.ephemeral && m.text.includes(ref));
const directMessages = (userId: string) =>
  bot.emu.allMessages().filter((m) => {
    const ch = bot.emu.channelById(m.channel) as { is_im?: boolean; members: string[] } | undefined;
    return !m.ephemeral && ch?.members.includes(userId) && (ch as { is_im?: boolean }).is_im;
  });

describe('an incident channel set up through the outbox', () => {
  it('makes one channel when Slack creates it but its answer is lost, and posts the intro and the announcement once', async () => {
    bot.emu.injectFault({ method: 'conversations.create', kind: 'reset', handled: true });
    await bot.incident('declare Lost laptop --type lost-device');
    // Slack made inc-1; the bot never heard. The set-up is pending, and the reporter is told it will be retried.
    expect(bot.emu.channelByName('inc-1')).toBeDefined();
    expect((await bot.rampart.core.show(CLI, 'INC-1')).incident.channelId).toBeNull();
    expect(ephemeralsFor(bot, bot.lead).at(-1)).toMatch(/creating the incident channel failed .*it will be retried/);

    await bot.rampart.outbox.drain();

    const { incident, events } = await bot.rampart.core.timeline(CLI, 'INC-1');
    expect(incidentChannels()).toHaveLength(1);
    expect(bot.emu.channelByName('inc-1-2')).toBeUndefined();
    expect(incident.channelId).toBe(bot.emu.channelByName('inc-1')!.id);
    expect(bot.emu.channelById(incident.channelId!)!.members).toContain(bot.lead.id);
    expect(intros(incident.channelId!)).toHaveLength(1);
    expect(announcements('INC-1')).toHaveLength(1);
    expect(events.map((e) => e.kind)).toEqual(['incident_declared', 'slack_call_failed', 'channel_created', 'members_invited']);
    // The reporter, told it would be retried, hears that it is done.
    expect(directMessages(bot.lead.id).map((m) => m.text)).toEqual([expect.stringContaining(`channel is ready: <#${incident.channelId}>`)]);
  });

  it('retries a failed look-up, and still finds the channel it made instead of making a second', async () => {
    bot.emu.injectFault({ method: 'conversations.create', kind: 'reset', handled: true });
    bot.emu.injectFault({ method: 'conversations.list', kind: 'http_error', status: 503 });
    await bot.incident('declare Lost laptop --type lost-device');
    await bot.rampart.outbox.drain();
    expect(incidentChannels()).toHaveLength(1);
    expect(bot.emu.callsTo('conversations.list').length).toBeGreaterThanOrEqual(2);
    const { incident } = await bot.rampart.core.show(CLI, 'INC-1');
    expect(incident.channelId).toBe(bot.emu.channelByName('inc-1')!.id);
    expect(intros(incident.channelId!)).toHaveLength(1);
  });

  it('a channel of the same name from before the declaration is not taken for ours', async () => {
    const old = bot.emu.channel('inc-1', { is_private: true });
    now += 3_600_000;
    bot.emu.injectFault({ method: 'conversations.create', kind: 'reset', handled: true });
    await bot.incident('declare Lost laptop --type lost-device');
    await bot.rampart.outbox.drain();
    const { incident } = await bot.rampart.core.show(CLI, 'INC-1');
    expect(incident.channelId).not.toBe(old.id);
    expect(bot.emu.channelById(incident.channelId!)!.name).toBe('inc-1-2');
    expect(bot.emu.messages(old.id)).toEqual([]);
  });

  it('a set-up that keeps failing records the failure, tells the reporter, and still announces once', async () => {
    bot.emu.injectFault({ method: 'conversations.create', kind: 'http_error', status: 500, times: 100 });
    await bot.incident('declare Lost laptop --type lost-device');
    await bot.rampart.outbox.drain();

    const { incident, events } = await bot.rampart.core.timeline(CLI, 'INC-1');
    expect(incident.channelId).toBeNull();
    const failures = events.filter((e) => e.kind === 'slack_call_failed').map((e) => e.payload);
    expect(failures).toEqual([
      { action: 'creating the incident channel', error: expect.stringMatching(/statusCode = 500 \(will retry\)$/) },
      { action: 'creating the incident channel', error: expect.stringMatching(/statusCode = 500$/) },
    ]);
    const [row] = (await bot.database.db.select().from(slackOutbox)).filter((r) => r.kind === 'channel_setup');
    expect(row!.failedAt).not.toBeNull();
    expect(directMessages(bot.lead.id).map((m) => m.text)).toEqual([expect.stringMatching(/INC-1\* is saved, but its channel could not be created \(.*statusCode = 500\)/)]);
    expect(announcements('INC-1')).toHaveLength(1);
  });

  it('a failed invite of the reporter is named as such, and the channel and announcement still follow', async () => {
    bot.emu.injectFault({ method: 'conversations.invite', kind: 'slack_error', error: 'user_is_restricted' });
    await bot.incident('declare Lost laptop --type lost-device');
    const { incident, events } = await bot.rampart.core.timeline(CLI, 'INC-1');
    expect(incident.channelId).not.toBeNull();
    expect(events.filter((e) => e.kind === 'slack_call_failed').map((e) => e.payload)).toEqual([
      { action: 'inviting the reporter to the channel', error: 'user_is_restricted' },
    ]);
    expect(ephemeralsFor(bot, bot.lead).at(-1)).toMatch(/inviting the reporter to the channel failed \(user_is_restricted\)/);
    expect(announcements('INC-1')).toHaveLength(1);
  });

  it('a refused set-up tells the reporter at once in the confirmation', async () => {
    bot.emu.injectFault({ method: 'conversations.create', kind: 'slack_error', error: 'restricted_action' });
    await bot.incident('declare Lost laptop --type lost-device');
    expect(ephemeralsFor(bot, bot.lead).at(-1)).toMatch(/creating the incident channel failed \(restricted_action\)/);
    expect(directMessages(bot.lead.id).map((m) => m.text)).toEqual([expect.stringContaining('restricted_action')]);
  });

  it("a stuck set-up never holds up another incident's announcement", async () => {
    bot.emu.injectFault({ method: 'conversations.create', kind: 'http_error', status: 500 });
    await bot.incident('declare Lost laptop --type lost-device');
    expect((await bot.database.db.select().from(slackOutbox)).find((r) => r.kind === 'channel_setup')).toMatchObject({ deliveredAt: null, failedAt: null });
    // INC-1's set-up is backing off; INC-2 is declared meanwhile and announced at once, its channel made.
    await bot.incident('declare Phishing wave --type phishing');
    expect(announcements('INC-2')).toHaveLength(1);
    expect(announcements('INC-1')).toHaveLength(0);
    expect((await bot.rampart.core.show(CLI, 'INC-2')).incident.channelId).not.toBeNull();
    await bot.rampart.outbox.drain();
    expect(announcements('INC-1')).toHaveLength(1);
  });
});

describe('messages posted on request go through the outbox too', () => {
  it('a shared timeline whose answer is lost is posted once, and the person is told it will be retried', async () => {
    await bot.incident('declare Lost laptop --type lost-device');
    const { incident } = await bot.rampart.core.show(CLI, 'INC-1');
    const shared = () => bot.emu.messages(incident.channelId!).filter((m) => !m.ephemeral && m.text.startsWith('INC-1 timeline:'));
    bot.emu.injectFault({ method: 'chat.postMessage', kind: 'reset', handled: true });
    await bot.incident('timeline INC-1 share');
    await bot.rampart.outbox.drain();
    expect(shared()).toHaveLength(1);
    expect(ephemeralsFor(bot, bot.lead).at(-1)).toMatch(/:warning: posting the timeline in the incident channel failed .*it will be retried/);
    // Nothing else was doubled either: every outbox key is on one message.
    const keys = bot.emu.allMessages().flatMap((m) => (m.metadata ? [JSON.stringify(m.metadata.event_payload)] : []));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a checklist page whose answer is lost is posted once, and its ts kept for later edits', async () => {
    await bot.incident('declare Credential phishing mail --sev2 --type phishing');
    const { incident } = await bot.rampart.core.show(CLI, 'INC-1');
    const checklists = () => bot.emu.messages(incident.channelId!).filter((m) => !m.ephemeral && m.text.includes(' done'));
    bot.emu.injectFault({ method: 'chat.postMessage', kind: 'reset', handled: true });
    await bot.incident('playbook INC-1 phishing');
    await bot.rampart.outbox.drain();
    expect(checklists()).toHaveLength(1);
    // The next refresh (a step clicked, say) finds the delivered row by its key, keeps the page's ts and edits it.
    const [run] = await bot.rampart.core.playbooks.runs(incident.id);
    const client = new WebClient('xoxb-test-token', { slackApiUrl: bot.emu.apiUrl, retryConfig: { retries: 0 } });
    expect(await refreshChecklist({ core: bot.rampart.core, logger: createLogger('silent') }, client, run!.id)).toEqual([]);
    await refreshChecklist({ core: bot.rampart.core, logger: createLogger('silent') }, client, run!.id);
    expect(checklists()).toHaveLength(1);
    // The checklist's updates (the incident card's own, issue 15, are left out): each refresh edits the one page, the
    // first by adopting the message its key delivered.
    const ts = checklists()[0]!.ts;
    expect(bot.emu.callsTo('chat.update').filter((c) => String(c.params.text).includes(' done')).map((c) => c.params.ts)).toEqual([ts, ts]);
    expect((await bot.rampart.core.playbooks.messages(run!.id)).map((m) => m.ts)).toEqual([checklists()[0]!.ts]);
  });
});
