// Three `rampart start` processes on one Postgres database behind a round-robin load balancer, started at the same
// moment: migrations are applied once, concurrent declarations get distinct gapless references, one Slack delivery
// sent to all three (the original and Slack's retries) is stored once, and a due awareness slot is posted once.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';
import { startBotProcess, startLoadBalancer, type BotProcess } from '../support/bot-process.js';
import { createPostgresDatabase, dropPostgresDatabase, TEST_DATABASE_URL } from '../support/db.js';

const REPLICAS = 3;
const DECLARATIONS = 12;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** Runs one query on the test database with a short-lived client. */
async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Starts all replicas at once; if any fails, the others are still stopped by the cleanups. */
async function startReplicas(env: Record<string, string>): Promise<BotProcess[]> {
  const started = await Promise.allSettled(Array.from({ length: REPLICAS }, () => startBotProcess(env)));
  for (const s of started) if (s.status === 'fulfilled') cleanups.push(() => s.value.stop());
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return started.map((s) => (s as PromiseFulfilledResult<BotProcess>).value);
}

describe('three replicas on one Postgres', () => {
  it('migrate once, number declarations without gaps, store a retried delivery once and post a slot once', async (ctx) => {
    if (!TEST_DATABASE_URL) ctx.skip('Postgres-only test: set TEST_DATABASE_URL to run it');
    const url = await createPostgresDatabase();
    cleanups.push(() => dropPostgresDatabase(url));
    const signingSecret = randomBytes(16).toString('hex');
    const emu = await SlackEmulator.start({ signingSecret, botToken: 'xoxb-replicas-test' });
    cleanups.push(() => emu.close());
    const lead = emu.user('lead');
    const general = emu.channel('general');
    general.members.push(lead.id);
    const incidents = emu.channel('incidents', { botMember: true });
    const tips = emu.channel('security-tips', { botMember: true });

    // A fresh, unmigrated database: the three race to migrate it, and the advisory lock must serialise them. The
    // weekly tip's grace (8 days) makes the latest weekly slot due at start-up, on every replica at once.
    const replicas = await startReplicas({
      DATABASE_URL: url,
      SLACK_BOT_TOKEN: 'xoxb-replicas-test',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: emu.apiUrl,
      INCIDENT_CHANNEL: incidents.id,
      RESPONDERS: lead.id,
      AWARENESS_CHANNELS: tips.id,
      AWARENESS_GRACE: '8d',
      DIGEST_CRON: 'off',
    });
    const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: unknown[] };
    const migrations = await query<{ hash: string; n: number }>(url, 'select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash');
    expect(migrations).toHaveLength(journal.entries.length);
    expect(migrations.every((m) => m.n === 1)).toBe(true);

    const balancer = await startLoadBalancer(replicas.map((r) => r.url));
    cleanups.push(() => balancer.close());
    emu.setBotUrl(`${balancer.url}/slack/events`);
    const replies = await Promise.all(
      Array.from({ length: DECLARATIONS }, (_, i) => emu.slashCommand({ user: lead.id, channel: general.id, command: '/incident', text: `declare Replica load ${i} --sev3` })),
    );
    expect(balancer.counts).toEqual(Array.from({ length: REPLICAS }, () => DECLARATIONS / REPLICAS));
    const numbers = replies.map((r) => {
      expect(r.status).toBe(200);
      const text = (r.json as { text?: string } | undefined)?.text ?? r.body;
      const match = /\*INC-(\d+)\* is recorded/.exec(text);
      expect(match, text).not.toBeNull();
      return Number(match![1]);
    });
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: DECLARATIONS }, (_, i) => i + 1));

    // INC-1's channel is made after the ack (on whichever replica declared it); the 📌 goes to all three at once.
    const channelOfFirst = async () => (await query<{ channel_id: string | null }>(url, 'select channel_id from incidents where number = 1'))[0]?.channel_id;
    await expect.poll(channelOfFirst, { interval: 100, timeout: 20_000 }).toBeTruthy();
    const channelId = (await channelOfFirst())!;
    const message = emu.postAsUser(lead.id, channelId, 'Firewall rule 7 blocks the C2 address');
    const deliveries = await Promise.all(
      [undefined, 1, 2].map((retryNum) => emu.react({ user: lead.id, channel: channelId, ts: message.ts, name: 'pushpin', eventId: 'EvREPLICAS01', ...(retryNum ? { retryNum } : {}) })),
    );
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    const copies = await query(url, "select 1 from timeline_events where kind = 'message_pinned' and payload->>'ts' = $1", [message.ts]);
    expect(copies).toHaveLength(1);

    // Each declaration is announced in INCIDENT_CHANNEL after its ack (paced per channel, so this takes a while).
    const announcements = () => emu.messages(incidents.id).filter((m) => !m.ephemeral);
    await emu.waitFor(() => announcements().length >= DECLARATIONS, { timeoutMs: 60_000 });
    // Stopping waits for each replica's scheduled run to finish, so every replica has had its go at the slot.
    const exits = await Promise.all(replicas.map((r) => r.stop()));
    expect(exits, replicas.map((r) => r.output()).join('\n---\n')).toEqual([0, 0, 0]);
    expect(emu.messages(tips.id).filter((m) => !m.ephemeral)).toHaveLength(1);
    expect(announcements()).toHaveLength(DECLARATIONS);
    // The tip's slot (the follow-up and stale-list jobs claim slots of their own in the same table).
    expect(await query(url, "select 1 from awareness_slots where schedule = 'weekly' and state = 'posted'")).toHaveLength(1);
  }, 110_000);
});
