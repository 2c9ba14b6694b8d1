// Two bots (separate pools) on one Postgres, both reachable: one signed declaration, captured and sent to both at
// once, several times, runs exactly once; every other copy gets 401 and writes nothing.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startRampart, type RampartApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';
import { slashCommandForm } from '../../src/sandbox/emulator/payloads.js';
import { signSlackRequest } from '../../src/sandbox/emulator/signing.js';
import { TEST_DATABASE_URL, withReplicaDatabases } from '../support/db.js';

describe('a replayed request across replicas', () => {
  it('runs once whichever replica each copy reaches', async (ctx) => {
    if (!TEST_DATABASE_URL) ctx.skip('Postgres-only test: set TEST_DATABASE_URL to run it');
    const signingSecret = randomBytes(16).toString('hex');
    const emu = await SlackEmulator.start({ signingSecret, botToken: 'xoxb-replay-test' });
    const lead = emu.user('lead');
    const general = emu.channel('general');
    general.members.push(lead.id);
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-replay-test',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: emu.apiUrl,
      SLACK_APP_ID: emu.appId,
      PORT: '0',
      METRICS_PORT: 'off',
      HOST: '127.0.0.1',
      RESPONDERS: lead.id,
    });
    try {
      await withReplicaDatabases(2, async (databases) => {
        const bots: RampartApp[] = [];
        try {
          for (const database of databases) bots.push(await startRampart(config, { database, logger: createLogger('silent'), slackRetries: 0, scheduler: false }));
          const body = slashCommandForm({ user: lead, channel: general, command: '/incident', text: 'declare Captured once --sev2', responseUrl: `${emu.apiUrl}unused`, triggerId: '1.2.3' });
          const ts = Math.floor(Date.now() / 1000);
          const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signSlackRequest(signingSecret, ts, body) };
          const copies = [0, 1, 0, 1, 0, 1].map((i) => fetch(`${bots[i]!.url}/slack/events`, { method: 'POST', headers, body }).then((r) => r.status));
          const statuses = await Promise.all(copies);
          expect(statuses.filter((s) => s === 200)).toHaveLength(1);
          expect(statuses.filter((s) => s === 401)).toHaveLength(5);
          await Promise.all(bots.map((b) => b.idle()));
          const result = (await databases[0]!.db.execute(sql`select count(*)::int as n from incidents`)) as unknown as { rows: { n: number }[] };
          expect(Number(result.rows[0]!.n)).toBe(1);
        } finally {
          for (const bot of bots) await bot.stop();
        }
      });
    } finally {
      await emu.close();
    }
  }, 60_000);
});
