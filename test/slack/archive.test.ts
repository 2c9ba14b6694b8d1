// Channel tidy-up through the real Bolt app and the Slack emulator, on a clock the test moves: closing posts a notice
// with Keep open; CHANNEL_ARCHIVE_AFTER (7 days by default) later the sweep archives the channel once, however many
// sweeps or replicas run; Keep open cancels it; reopening an archived incident asks Slack to unarchive the channel.
import { beforeEach, describe, expect, it } from 'vitest';
import { slackOutbox } from '../../src/db/schema.js';
import { dueForArchive } from '../../src/core/archive/queries.js';
import { channelOf, timelineOf } from '../support/slack-state.js';
import { ephemeralsFor, useTestBot } from '../support/slack.js';

const DAY = 86_400_000;
// Starts at the real time, as Slack's request signatures need; the test moves it.
let now = Date.now();
const bot = useTestBot({ now: () => now, sleep: async (ms) => void (now += ms) });
beforeEach(() => {
  now = Date.now();
});

/** Declares INC-1 as staff and closes it as the lead; returns its channel. */
async function closedIncident() {
  await bot.incident('declare Suspicious USB stick in the post room --type malware', bot.staff);
  await bot.incident('status INC-1 resolved');
  await bot.incident('status INC-1 closed');
  return channelOf(bot);
}

const archiveCalls = () => bot.emu.callsTo('conversations.archive');

describe('channel tidy-up', () => {
  it('posts the archive notice at closing, archives the channel 7 days later, and only once across sweeps and replicas', async () => {
    const channel = await closedIncident();
    const notice = bot.emu.messages(channel.id).find((m) => m.text.includes('will be archived'));
    expect(JSON.stringify(notice?.blocks)).toContain('Keep open');
    now += 7 * DAY - 60_000;
    expect(await bot.rampart.core.archive.runDue()).toEqual({ enqueued: [] });
    now += 60_000;
    // Two replicas sweeping at the same moment, then a later sweep and a restart's first sweep.
    const [a, b] = await Promise.all([bot.rampart.core.archive.runDue(), bot.rampart.core.archive.runDue()]);
    expect([...a.enqueued, ...b.enqueued]).toEqual(['INC-1']);
    await bot.rampart.idle();
    now += 60_000;
    await bot.rampart.runScheduledPosts();
    await bot.rampart.core.archive.runDue();
    await bot.rampart.idle();
    expect(archiveCalls().map((c) => c.params.channel)).toEqual([channel.id]);
    expect(bot.emu.channelById(channel.id)).toMatchObject({ is_archived: true });
    const rows = await bot.database.db.select().from(slackOutbox);
    expect(rows.filter((r) => r.kind === 'channel_archived')).toHaveLength(1);
    // The sweep's query itself leaves an archived closure out (the outbox key it derives matches the one enqueued).
    expect(await dueForArchive(bot.database.db, { cutoff: new Date(now), limit: 10 })).toEqual([]);
    const { events } = await timelineOf(bot);
    expect(events.filter((e) => e.kind === 'channel_archived')).toEqual([expect.objectContaining({ actor: 'rampart', payload: { channelId: channel.id } })]);
  });

  it('Keep open records who kept it and cancels the archive; a second press says it is already kept', async () => {
    const channel = await closedIncident();
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Keep open', channel: channel.id });
    await bot.rampart.idle();
    expect(ephemeralsFor(bot, bot.lead).at(-1)).toContain('will not be archived');
    now += 30 * DAY;
    expect(await bot.rampart.core.archive.runDue()).toEqual({ enqueued: [] });
    await bot.rampart.idle();
    expect(archiveCalls()).toHaveLength(0);
    const { events } = await timelineOf(bot);
    expect(events.filter((e) => e.kind === 'channel_kept_open')).toEqual([expect.objectContaining({ actor: bot.lead.id, source: 'slack-button' })]);
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Keep open', channel: channel.id });
    await bot.rampart.idle();
    expect(ephemeralsFor(bot, bot.lead).at(-1)).toContain('already kept open');
  });

  it('Keep open is for the commander and responders', async () => {
    const channel = await closedIncident();
    await bot.emu.clickButton({ user: bot.staff.id, label: 'Keep open', channel: channel.id });
    await bot.rampart.idle();
    expect(ephemeralsFor(bot, bot.staff).at(-1)).toMatch(/Only its commander and responders/);
    expect((await timelineOf(bot)).events.some((e) => e.kind === 'channel_kept_open')).toBe(false);
  });

  it('reopening before the archive cancels it; closing again starts a new notice and timer', async () => {
    const channel = await closedIncident();
    now += DAY;
    await bot.incident('status INC-1 investigating');
    now += 7 * DAY;
    expect(await bot.rampart.core.archive.runDue()).toEqual({ enqueued: [] });
    expect(bot.emu.callsTo('conversations.unarchive')).toHaveLength(0);
    await bot.incident('status INC-1 resolved');
    await bot.incident('status INC-1 closed');
    expect(bot.emu.messages(channel.id).filter((m) => m.text.includes('will be archived'))).toHaveLength(2);
    now += 7 * DAY;
    expect(await bot.rampart.core.archive.runDue()).toEqual({ enqueued: ['INC-1'] });
  });

  it('reopening an archived incident asks Slack to unarchive its channel; Slack refuses bot tokens, and the timeline says so', async () => {
    const channel = await closedIncident();
    now += 7 * DAY;
    await bot.rampart.core.archive.runDue();
    await bot.rampart.idle();
    await bot.incident('status INC-1 investigating');
    expect(bot.emu.callsTo('conversations.unarchive').map((c) => c.params.channel)).toEqual([channel.id]);
    const failed = (await timelineOf(bot)).events.filter((e) => e.kind === 'slack_call_failed').map((e) => e.payload);
    expect(failed).toContainEqual({ action: 'unarchiving the incident channel', error: 'user_is_bot' });
    // The person who reopened it is told who can bring the channel back, and how.
    expect(ephemeralsFor(bot, bot.lead).at(-1)).toMatch(/is archived, and Slack lets only people unarchive channels/);
  });
});
