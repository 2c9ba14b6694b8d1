// A declaration's Slack set-up across a Postgres restart: Slack creates the channel while the database goes away, so
// the bot cannot record it. Once the server is back the set-up resumes from its outbox row, finds the channel it made
// (no orphan, no second), and the intro, invite and announcement go out once; another incident declared meanwhile is
// announced at once. The bot runs in-process on a private server with a fake clock the worker's sleeps move.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startRampart, type RampartApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';
import { TEST_DATABASE_URL } from '../support/db.js';
import { privatePostgresUnavailable, startPrivatePostgres } from '../support/pg-server.js';
import { CLI } from '../support/slack-state.js';

/** Rows from the private server, read apart from the bot's pool. */
async function pgRows(url: string, query: string, values: unknown[]): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(query, values)).rows;
  } finally {
    await client.end();
  }
}

const skipReason = !TEST_DATABASE_URL ? 'Postgres-only test: set TEST_DATABASE_URL to run it' : privatePostgresUnavailable();
const LEASE_MS = 60_000;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe('channel set-up across a Postgres restart', () => {
  it('resumes after the restart with exactly one channel, its id stored, intro and announcement once', async (ctx) => {
    if (skipReason) ctx.skip(skipReason);
    const server = await startPrivatePostgres();
    cleanups.push(() => server.destroy());
    let now = Date.now();
    const signingSecret = randomBytes(16).toString('hex');
    const emu = await SlackEmulator.start({ signingSecret, botToken: 'xoxb-test-token', now: () => now });
    cleanups.push(() => emu.close());
    const lead = emu.user('lead');
    const general = emu.channel('general');
    const incidents = emu.channel('incidents');
    const config = loadConfig({
      DATABASE_URL: server.url,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: emu.apiUrl,
      PORT: '0',
      METRICS_PORT: 'off',
      HOST: '127.0.0.1',
      INCIDENT_CHANNEL: incidents.id,
      RESPONDERS: lead.id,
      LOG_LEVEL: 'silent',
    });
    const rampart: RampartApp = await startRampart(config, {
      logger: createLogger('silent'),
      slackRetries: 0,
      scheduler: false,
      clock: { now: () => new Date(now) },
      sleep: async (ms) => {
        now += ms;
      },
      outbox: { leaseMs: LEASE_MS, pollMs: 600_000 },
    });
    cleanups.push(() => rampart.stop());
    emu.setBotUrl(`${rampart.url}/slack/events`);
    const declare = async (title: string) => {
      // The pool's first query after a restart may meet a dead connection and be told "try again", as a person would be.
      for (let i = 0; i < 10; i += 1) {
        const reply = await emu.slashCommand({ user: lead.id, channel: general.id, command: '/incident', text: `declare ${title}` });
        if (/is recorded/.test((reply.json as { text?: string } | undefined)?.text ?? '')) return;
      }
      throw new Error(`could not declare ${title}`);
    };

    // Slack acts at once but answers 1.5 s later; the database goes away in between.
    emu.injectFault({ method: 'conversations.create', kind: 'delay', ms: 1_500, handled: true });
    await declare('Lost laptop --type lost-device');
    await emu.waitFor(() => emu.channelByName('inc-1'));
    await server.stop();
    // The worker's pass ends once Slack's late answer came and recording it failed (the idle check itself fails too).
    await rampart.idle().catch(() => undefined);
    await server.start();

    // Before the set-up's lease runs out, another incident is declared and announced: nothing waits on INC-1.
    await declare('Phishing wave --type phishing');
    await rampart.idle();
    const announced = (ref: string) => emu.messages(incidents.id).filter((m) => !m.ephemeral && m.text.includes(ref));
    expect(announced('INC-2')).toHaveLength(1);
    expect(announced('INC-1')).toHaveLength(0);

    // The lease runs out and the set-up resumes from its row.
    now += LEASE_MS + 1_000;
    await rampart.outbox.drain();

    const { incident, events } = await rampart.core.timeline(CLI, 'INC-1');
    const made = emu.callsTo('conversations.create').filter((c) => c.response.ok === true).map((c) => c.params.name);
    expect(made).toEqual(['inc-1', 'inc-2']);
    expect(incident.channelId).toBe(emu.channelByName('inc-1')!.id);
    expect(emu.channelById(incident.channelId!)!.members).toContain(lead.id);
    expect(emu.messages(incident.channelId!).filter((m) => !m.ephemeral && m.text.startsWith('INC-1: '))).toHaveLength(1);
    expect(announced('INC-1')).toHaveLength(1);
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['incident_declared', 'channel_created', 'members_invited']));
    // Recorded on the second attempt, from the row alone (the first attempt's answer came while the database was down).
    const setupRow = await pgRows(server.url, "select attempts, delivered_at from slack_outbox where kind = 'channel_setup' and incident_id = $1", [incident.id]);
    expect(setupRow).toEqual([{ attempts: 2, delivered_at: expect.any(Date) }]);
    // The reporter saw only "setting up its channel…" before the outage: they are told the channel is ready.
    const dms = emu.allMessages().filter((m) => !m.ephemeral && (emu.channelById(m.channel) as { is_im?: boolean } | undefined)?.is_im);
    expect(dms.map((m) => m.text)).toEqual([expect.stringContaining(`INC-1*'s channel is ready: <#${incident.channelId}>`)]);
  }, 90_000);
});
