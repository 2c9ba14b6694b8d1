// End-to-end harness: the real Bolt app (startRampart) on a test database, driven over signed HTTP by the Slack
// emulator, which also serves the Web API the bot calls.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startRampart, type RampartApp, type StartOptions } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/log.js';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';
import type { EmuChannel, EmuUser, SlackEmulatorOptions } from '../../src/sandbox/emulator/types.js';
import { createTestDatabase, emptyTestDatabase, type TestDatabase } from './db.js';

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

/** How a test bot is started. */
export interface TestBotOptions {
  env?: Record<string, string> | ((emu: SlackEmulator) => Record<string, string>);
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Receives the bot's log (silent by default). */
  logger?: Logger;
  /** The Bolt client's own Web API retries (0 by default; production's 3 shows what a retry after a lost answer does). */
  slackRetries?: number;
  /** The HTTP server's limits on unauthenticated requests (small ones to test them). */
  http?: StartOptions['http'];
  /** The emulator enforces Slack's rate-limit tiers (off by default; see SlackEmulatorOptions.rateLimits). */
  rateLimits?: SlackEmulatorOptions['rateLimits'];
}

/** Starts the bot and the emulator. Every Slack request is signed with a fresh secret. */
export async function startTestBot(opts: TestBotOptions = {}): Promise<TestBot> {
  const signingSecret = randomBytes(16).toString('hex');
  const emu = await SlackEmulator.start({
    signingSecret,
    botToken: 'xoxb-test-token',
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}),
  });
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
    // No metrics listener unless a test asks (METRICS_PORT 0): bots in parallel test files would all want port 9464.
    METRICS_PORT: 'off',
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
    // Without the emulator's limits there is nothing to pace to, and the default sleep does not wait.
    ...(opts.rateLimits ? {} : { outbox: { paceToSlack: false } }),
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
      // A test that restarted the bot put its new app in bot.rampart: that one is stopped too (stop is idempotent),
      // or its outbox poll would go on working on the next file's rows in this worker.
      await bot.rampart.stop();
      await rampart.stop();
      await emu.close();
      await database.close();
    },
  };
  return bot;
}

/**
 * One bot for the whole file (or describe block): started in beforeAll, closed in afterAll, and before every test
 * after the first brought back to what a fresh start shows (see resetTestBot). Returns a handle that reads through to
 * the running bot, so it is used inside tests and hooks only. A clock passed as `now` is the caller's to reset (in its
 * own beforeEach). Tests that need another configuration use their own useTestBot in a describe block, and tests that
 * observe first-start behaviour (auth.test at start, caches filled for the first time) keep startTestBot.
 */
export function useTestBot(opts: TestBotOptions = {}): TestBot {
  let current: TestBot | undefined;
  let fresh: FreshState | undefined;
  let untouched = false;
  beforeAll(async () => {
    current = await startTestBot(opts);
    fresh = freshStateOf(current);
    untouched = true;
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  beforeEach(async () => {
    if (!current || !fresh) return;
    if (!untouched) await resetTestBot(current, fresh);
    untouched = false;
  });
  return new Proxy({} as TestBot, {
    get(_, key) {
      if (!current) throw new Error('useTestBot: the bot starts in beforeAll; use it inside tests and hooks');
      return Reflect.get(current, key) as unknown;
    },
  });
}

/** The people and channels a bot starts with (its configuration may name their ids), to restore between tests. */
interface FreshState {
  users: { id: string; name: string }[];
  channels: { id: string; name: string; is_private: boolean; members: string[] }[];
}

function freshStateOf(bot: TestBot): FreshState {
  return {
    users: bot.emu.people().map(({ id, name }) => ({ id, name })),
    channels: bot.emu.channels().map(({ id, name, is_private, members }) => ({ id, name, is_private, members: [...members] })),
  };
}

/**
 * Brings a running bot back to a fresh start: its follow-up work finished, the database emptied, the emulator's
 * workspace emptied and the start-time people and channels re-created under their ids (the configuration names them),
 * and the outbox's pacing forgotten. What the bot itself remembers by id (channel membership for a minute, people
 * looked up for an hour) cannot be reset from here; new users and channels get ids never used before, so only the
 * start-time people could meet a remembered answer, and the responders among them never ask.
 */
async function resetTestBot(bot: TestBot, fresh: FreshState): Promise<void> {
  bot.emu.clearFaults();
  await bot.rampart.idle();
  await emptyTestDatabase(bot.database);
  bot.emu.reset();
  for (const user of fresh.users) bot.emu.restoreUser(user);
  for (const { members, ...channel } of fresh.channels) {
    const restored = bot.emu.restoreChannel(channel);
    restored.members.splice(0, restored.members.length, ...members);
  }
  bot.lead = bot.emu.userById(bot.lead.id)!;
  bot.staff = bot.emu.userById(bot.staff.id)!;
  bot.general = bot.emu.channelById(bot.general.id)!;
  bot.incidents = bot.emu.channelById(bot.incidents.id)!;
  // A fresh worker has no pacing history: the first post in a channel would otherwise wait.
  bot.rampart.outbox.forgetPacing();
}

/** Ephemeral messages a user received, newest last. */
export function ephemeralsFor(bot: TestBot, user: EmuUser): string[] {
  return bot.emu
    .allMessages()
    .filter((m) => m.ephemeral && m.visible_to === user.id)
    .map((m) => m.text);
}
