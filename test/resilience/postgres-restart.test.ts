// Postgres restarts under load: the bot (a real `rampart start` child process) keeps running, every declaration it
// acknowledged is in the database afterwards, requests during the outage are told to try again within Slack's 3 s,
// and service is back within 2 s of the server. The server is a private one: the shared test server is never touched.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { TEST_DATABASE_URL } from '../support/db.js';
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../support/pg-server.js';
import { startLoad, type Load } from './load.js';

const skipReason = !TEST_DATABASE_URL ? 'Postgres-only test: set TEST_DATABASE_URL to run it' : privatePostgresUnavailable();

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  // Newest first (the bot before the server it uses); each one runs even if another fails.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** Incident titles in the private server, by number. */
async function storedIncidents(url: string): Promise<Map<number, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ number: number; title: string }>('select number, title from incidents');
    return new Map(rows.map((r) => [r.number, r.title]));
  } finally {
    await client.end();
  }
}

describe('a Postgres restart under load', () => {
  it('never stops the bot; acknowledged declarations survive; the outage says "try again"; back within 2 s', async (ctx) => {
    if (skipReason) ctx.skip(skipReason);
    const server: PrivatePostgres = await startPrivatePostgres();
    cleanups.push(() => server.destroy());
    const signingSecret = randomBytes(16).toString('hex');
    const emu = await SlackEmulator.start({ signingSecret, botToken: 'xoxb-restart-test' });
    cleanups.push(() => emu.close());
    const lead = emu.user('lead');
    const general = emu.channel('general');
    general.members.push(lead.id);
    const bot: BotProcess = await startBotProcess({
      DATABASE_URL: server.url,
      SLACK_BOT_TOKEN: 'xoxb-restart-test',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: emu.apiUrl,
      INCIDENT_CHANNEL: emu.channel('incidents').id,
      RESPONDERS: lead.id,
      DIGEST_CRON: 'off',
    });
    cleanups.push(() => bot.stop());
    emu.setBotUrl(`${bot.url}/slack/events`);

    const load: Load = startLoad(emu, { user: lead.id, channel: general.id, workers: 3 });
    cleanups.push(() => load.stop());
    // Every wait fails at once, with the bot's logs, if the bot process has died.
    const untilAlive = (condition: () => boolean, what: string) =>
      load.until(() => {
        if (!bot.alive()) throw new Error(`the bot exited while waiting for ${what}:\n${bot.output()}`);
        return condition();
      }, what);
    await untilAlive(() => load.saved().length >= 5, 'five declarations before the restart');
    await server.stop();
    const stoppedAt = Date.now();
    // Down until the outage has visibly been answered a few times (no fixed wait: as long as that takes).
    await untilAlive(() => load.replies.filter((r) => r.kind === 'outage' && r.sentAt >= stoppedAt).length >= 3, 'replies during the outage');
    // An event during the outage is refused, not acknowledged: Slack delivers it again later, so nothing is lost.
    const pinned = emu.postAsUser(lead.id, general.id, 'Posted while the database was away');
    const eventDuringOutage = await emu.react({ user: lead.id, channel: general.id, ts: pinned.ts, name: 'pushpin' });
    await server.start();
    const readyAt = server.readyAt();
    await untilAlive(() => load.saved().filter((r) => r.sentAt >= readyAt).length >= 5, 'five declarations after the restart');
    await load.stop();

    expect(bot.alive(), bot.output()).toBe(true);
    expect(eventDuringOutage.status).toBeGreaterThanOrEqual(500);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    // Every request got an answer Slack shows in time: saved, or told to try again. Nothing else, nothing late.
    expect(load.replies.filter((r) => r.kind === 'other' || r.timedOut)).toEqual([]);
    const outage = load.replies.filter((r) => r.kind === 'outage');
    expect(outage.length).toBeGreaterThanOrEqual(3);
    // The first declaration saved after the server was ready came within 2 s of it.
    const firstBack = Math.min(...load.saved().filter((r) => r.answeredAt >= readyAt).map((r) => r.answeredAt));
    expect(firstBack - readyAt).toBeLessThan(2_000);

    const stored = await storedIncidents(server.url);
    for (const reply of load.saved()) expect(stored.get(reply.number!), `INC-${reply.number}`).toBe(`Restart load ${reply.n}`);
    // "Nothing was saved" is true: a request refused before reaching the database left no incident behind.
    const titles = new Set(stored.values());
    for (const reply of outage.filter((r) => r.text.includes('nothing was saved'))) expect(titles.has(`Restart load ${reply.n}`)).toBe(false);
    // Numbers stay gapless across the restart (a declaration that failed mid-way rolled its number back).
    expect([...stored.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: stored.size }, (_, i) => i + 1));
    expect(await bot.stop()).toBe(0);
  }, 110_000);
});
