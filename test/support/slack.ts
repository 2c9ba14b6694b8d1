// End-to-end harness: the real Bolt app (startRampart) on a test database, driven over signed HTTP by the Slack
// emulator, which also serves the Web API the bot calls.
import { randomBytes } from 'node:crypto';
import { startRampart, type RampartApp, type StartOptions } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/log.js';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';
import type { EmuChannel, EmuUser } from '../../src/sandbox/emulator/types.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestBot {
  emu: SlackEmulator;
  rampart: RampartApp;
  database: TestDatabase;
  signingSecret: string;
  lead: EmuUser; // a responder
  staff: EmuUser; // not a responder
  general: EmuChannel;
  incidents: EmuChannel;
  /** Runs /incident <text> as a user in a channel and waits for the bot's follow-up work. */
  incident(text: string, as?: EmuUser, channel?: EmuChannel): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

/** Starts the bot and the emulator. Every Slack request is signed with a fresh secret. */
export async function startTestBot(
  opts: {
    env?: Record<string, string> | ((emu: SlackEmulator) => Record<string, string>);
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
    /** Receives the bot's log (silent by default). */
    logger?: Logger;
    /** The Bolt client's own Web API retries (0 by default; production's 3 shows what a retry after a lost answer does). */
    slackRetries?: number;
    /** The HTTP server's limits on unauthenticated requests (small ones to test them). */
    http?: StartOptions['http'];
  } = {},
): Promise<TestBot> {
  const signingSecret = randomBytes(16).toString('hex');
  const emu = await SlackEmulator.start({ signingSecret, botToken: 'xoxb-test-token', ...(opts.now ? { now: opts.now } : {}) });
  const lead = emu.user('lead');
  const staff = emu.user('staff');
  const general = emu.channel('general');
  const incidents = emu.channel('incidents');
  for (const u of [lead, staff]) {
    if (!general.members.includes(u.id)) general.members.push(u.id);
  }
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: emu.apiUrl,
    SLACK_APP_ID: emu.appId,
    PORT: '0',
    HOST: '127.0.0.1',
    INCIDENT_CHANNEL: incidents.id,
    RESPONDERS: lead.id,
    LOG_LEVEL: 'silent',
    ...(typeof opts.env === 'function' ? opts.env(emu) : opts.env),
  });
  const database = await createTestDatabase();
  const rampart = await startRampart(config, {
    database,
    logger: opts.logger ?? createLogger('silent'),
    slackRetries: opts.slackRetries ?? 0,
    // Tests run the awareness programme by hand; the poster's waits are recorded, never slept.
    scheduler: false,
    sleep: opts.sleep ?? (async () => {}),
    ...(opts.now ? { clock: { now: () => new Date(opts.now!()) } } : {}),
    ...(opts.http ? { http: opts.http } : {}),
  });
  emu.setBotUrl(`${rampart.url}/slack/events`);
  const bot: TestBot = {
    emu,
    rampart,
    database,
    signingSecret,
    lead,
    staff,
    general,
    incidents,
    async incident(text, as = lead, channel = general) {
      const reply = await emu.slashCommand({ user: as.id, channel: channel.id, command: '/incident', text });
      await rampart.idle();
      const json = reply.json as { text?: string } | undefined;
      return { status: reply.status, text: json?.text ?? reply.body };
    },
    async close() {
      await rampart.stop();
      await emu.close();
      await database.close();
    },
  };
  return bot;
}

/** Ephemeral messages a user received, newest last. */
export function ephemeralsFor(bot: TestBot, user: EmuUser): string[] {
  return bot.emu
    .allMessages()
    .filter((m) => m.ephemeral && m.visible_to === user.id)
    .map((m) => m.text);
}
