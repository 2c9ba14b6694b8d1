// `/incident timeline|report|stats` through the real Bolt app and the Slack emulator: what is shown to whom, where
// report files go (the external upload flow), and Slack's limits for long timelines.
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { incidents } from '../../src/db/schema.js';
import { checkTimesketchJsonl } from '../support/timesketch.js';
import { channelOf, ephemeralMessagesFor, publicMessages } from '../support/slack-state.js';
import { type TestBot, useTestBot } from '../support/slack.js';

const bot = useTestBot();

const blocksText = (m: { blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []);
const lastEphemeral = (user = bot.lead, on: TestBot = bot) => ephemeralMessagesFor(on, user).at(-1)!;

async function workedIncident(extra = '', on: TestBot = bot) {
  await on.incident(`declare Credential phishing mail to the press office --sev2 --type phishing${extra}`);
  await on.incident('status INC-1 investigating checking the mail gateway');
  await on.incident('note INC-1 at 09:40 the press officer clicked the link');
  await on.incident('status INC-1 contained');
  return channelOf(on);
}

describe('/incident timeline', () => {
  it('shows the phases and events to the caller only', async () => {
    const channel = await workedIncident();
    const before = publicMessages(bot, channel).length;
    const reply = await bot.incident('timeline INC-1');
    expect(reply.status).toBe(200);
    const shown = lastEphemeral();
    const text = blocksText(shown);
    expect(text).toContain('INC-1 timeline: Credential phishing mail to the press office');
    expect(text).toMatch(/\*triage\* \d+s → \*investigating\* \d+s → \*contained\* \d+s so far/);
    expect(text).toContain('Status triage → investigating: checking the mail gateway');
    // The back-dated note is marked and comes first, in occurred_at order.
    expect(text).toContain(':hourglass: _recorded');
    expect(text.indexOf('the press officer clicked')).toBeLessThan(text.indexOf('Declared:'));
    expect(publicMessages(bot, channel)).toHaveLength(before);
  });

  it('posts it in the incident channel with share', async () => {
    const channel = await workedIncident();
    await bot.incident('timeline INC-1 share');
    const posted = publicMessages(bot, channel).at(-1)!;
    expect(posted.text).toMatch(/^INC-1 timeline: \d+ events$/);
    expect(lastEphemeral().text).toContain('Timeline of *INC-1* posted in');
  });

  it('summarises a long timeline to its key events within Slack limits, pointing at the report', async () => {
    await workedIncident();
    const [{ id }] = (await bot.database.db.select({ id: incidents.id }).from(incidents).where(eq(incidents.number, 1))) as [{ id: number }];
    await bot.database.db.execute(sql`
      insert into timeline_events (incident_id, seq, kind, actor, occurred_at, recorded_at, source, payload)
      select ${id}, 100 + g, 'note_added', 'U0NOISY', now(), now(), 'cli', jsonb_build_object('text', 'routine check number ' || g)
      from generate_series(1, 400) g`);
    await bot.incident('timeline INC-1');
    const shown = lastEphemeral();
    expect(shown.blocks!.length).toBeLessThanOrEqual(50);
    const text = blocksText(shown);
    expect(text).not.toContain('routine check number');
    expect(text).toContain('Status triage → investigating');
    expect(text).toMatch(/Showing \d+ key events of 40\d/);
    expect(text).toContain('/incident report INC-1');
  });

  it('refuses outsiders for a private incident', async () => {
    await bot.incident('declare Suspicious login on the finance mailbox --type account-compromise');
    const reply = await bot.incident('timeline INC-1', bot.staff);
    expect(reply.text).toContain('INC-1 is private');
  });
});

describe('/incident report', () => {
  it('uploads a Markdown report to the incident channel through the external upload flow', async () => {
    const channel = await workedIncident();
    const reply = await bot.incident('report INC-1', bot.lead, bot.general);
    expect(reply.text).toContain('Writing the Markdown report of *INC-1*');
    const file = bot.emu.files().at(-1)!;
    expect(file).toMatchObject({ name: 'INC-1-report.md', completed: true, channels: [channel.id] });
    const md = file.bytes!.toString('utf8');
    expect(md).toContain('# INC-1: Credential phishing mail to the press office');
    expect(md).toContain('the press officer clicked the link');
    expect(bot.emu.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(publicMessages(bot, channel).at(-1)!.files?.[0]?.name).toBe('INC-1-report.md');
    expect(lastEphemeral().text).toContain('INC-1-report.md');
  });

  it('writes Timesketch JSONL that passes the import rules', async () => {
    await workedIncident();
    await bot.incident('report INC-1 timesketch');
    const file = bot.emu.files().at(-1)!;
    expect(file.name).toBe('INC-1-timesketch.jsonl');
    const checked = checkTimesketchJsonl(file.bytes!.toString('utf8'));
    expect(checked.errors).toEqual([]);
    expect(checked.dropped).toEqual([]);
    expect(checked.rows.length).toBeGreaterThanOrEqual(5);
  });

  it('sends a private incident without a channel to the requester only', async () => {
    bot.emu.injectFault({ method: 'conversations.create', kind: 'slack_error', error: 'restricted_action' });
    await bot.incident('declare Suspicious login on the finance mailbox --type account-compromise');
    await bot.incident('report INC-1 json', bot.lead, bot.general);
    const file = bot.emu.files().at(-1)!;
    expect(file.channels).toHaveLength(1);
    // A direct-message channel (D…) between the bot and the requester.
    expect(file.channels[0]).toMatch(/^D/);
    expect(bot.emu.channelById(file.channels[0]!)!.members).toContain(bot.lead.id);
    expect(JSON.parse(file.bytes!.toString('utf8'))).toMatchObject({ schema: 'rampart.incident-report', version: 1, incident: { ref: 'INC-1', private: true } });
    expect(publicMessages(bot, bot.general).some((m) => (m.files ?? []).length > 0)).toBe(false);
  });

  it('refuses an unknown format with the list', async () => {
    await bot.incident('declare Test incident');
    const reply = await bot.incident('report INC-1 pdf');
    expect(reply.text).toContain('md, markdown, html, json, csv, timesketch');
    expect(bot.emu.files()).toEqual([]);
  });
});

describe('/incident report with the Bolt client retrying', () => {
  // As in production: the Bolt client retries on its own, which shared a file twice when the answer was lost.
  const retrying = useTestBot({ slackRetries: 3 });

  it('shares the report once when Slack shared it but its answer was lost', async () => {
    const channel = await workedIncident('', retrying);
    retrying.emu.injectFault({ method: 'files.completeUploadExternal', kind: 'reset', handled: true });
    await retrying.incident('report INC-1', retrying.lead, retrying.general);
    const shared = publicMessages(retrying, channel).filter((m) => (m.files ?? []).length > 0);
    expect(shared.map((m) => m.files![0]!.name)).toEqual(['INC-1-report.md']);
    expect(lastEphemeral(retrying.lead, retrying).text).toContain('INC-1-report.md');
  });
});

describe('/incident stats', () => {
  it('shows responders the figures, and shares the weekly chart in their direct messages with a comment', async () => {
    await workedIncident();
    await bot.incident('stats 90d');
    const shown = lastEphemeral();
    const chart = bot.emu.files().at(-1)!;
    expect(chart.name).toBe('incidents-per-week-90d.png');
    expect(chart.bytes!.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Shared by files.completeUploadExternal itself: Slack refuses a fresh upload in an image block until it is ready.
    const dm = bot.emu.allMessages().find((m) => m.files?.some((f) => f.id === chart.id));
    expect(dm?.channel).toMatch(/^D/);
    expect(dm?.text).toContain('the chart for your `/incident stats`');
    expect(blocksText(shown)).not.toContain('"image"');
    expect(blocksText(shown)).toContain('Last 90 days');
    expect(blocksText(shown)).toContain('The weekly chart is in your direct messages with me.');
  });

  it('refuses people who are not responders, and bad periods', async () => {
    await workedIncident();
    expect((await bot.incident('stats', bot.staff)).text).toContain('Only responders can see incident figures');
    expect((await bot.incident('stats 7d')).text).toContain('"7d" is not a stats period');
  });
});
