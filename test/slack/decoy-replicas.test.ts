// Decoy credentials planted or retired by another replica (here, rows written to the bot's database by someone else):
// the running bot keeps the live ones in memory, so it learns of a new one within LIVE_CREDENTIALS_REFRESH_MS of its
// clock, and stops on a retired one at once. Through the real Bolt app, driven over signed HTTP by the Slack emulator.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestBot } from '../support/slack.js';
import { eventCallback } from '../../src/sandbox/emulator/payloads.js';
import { LIVE_CREDENTIALS_REFRESH_MS } from '../../src/core/decoys/cache.js';

// Only ever moved forward, across tests too: the bot's copy is as old as this clock says.
let now = Date.now();
const bot = useTestBot({ now: () => now });

let events = 0;
/** Slack delivering a message event in #general from staff. */
async function deliverMessage(text: string): Promise<void> {
  const posted = bot.emu.postAsUser(bot.staff.id, bot.general.id, text);
  const event = { type: 'message', channel: bot.general.id, channel_type: 'channel', user: bot.staff.id, text, ts: posted.ts, event_ts: posted.ts };
  const reply = await bot.emu.sendRaw({ body: JSON.stringify(eventCallback(event, `EvReplica${++events}`, Math.floor(now / 1000))), contentType: 'application/json' });
  expect(reply.status).toBe(200);
  await bot.rampart.idle();
}

async function hits(): Promise<number> {
  const r = await bot.database.db.execute(sql.raw(`select count(*)::int as n from decoy_hits`));
  return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

/** Another replica plants a credential decoy: a committed row the bot did not write. */
async function plantElsewhere(name: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await bot.database.db.execute(sql`insert into decoys (name, kind, token, created_by, created_at) values (${name}, 'credential', ${token}, 'U0OTHER01', ${new Date(now)})`);
  return `rk_live_${token}`;
}

describe('a credential decoy planted by another replica', () => {
  it('trips once the bot has had LIVE_CREDENTIALS_REFRESH_MS to notice it', async () => {
    await deliverMessage('an ordinary message, long enough to be checked for decoys');
    const credential = await plantElsewhere('ci-key');
    now += LIVE_CREDENTIALS_REFRESH_MS;
    await deliverMessage(`does this still work? ${credential}`);
    expect(await hits()).toBe(1);
  });

  it('stops tripping at once when another replica retires it', async () => {
    const credential = await plantElsewhere('old-key');
    now += LIVE_CREDENTIALS_REFRESH_MS;
    await deliverMessage(`first ${credential}`);
    expect(await hits()).toBe(1);
    await bot.database.db.execute(sql`update decoys set retired_at = ${new Date(now)}, retired_by = 'U0OTHER01' where name = 'old-key'`);
    await deliverMessage(`second ${credential}`);
    expect(await hits()).toBe(1);
  });
});
