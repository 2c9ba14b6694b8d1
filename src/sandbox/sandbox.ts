// `rampart sandbox`: the real bot in HTTP mode on the embedded database, a Slack Web API emulator on loopback, and a
// terminal (or a script) where you act as a Slack user. Requests reach the bot signed exactly as Slack sends them.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import { loadConfig } from '../config.js';
import { startRampart, type RampartApp } from '../app.js';
import { SandboxAlerts } from './alert-command.js';
import { mailToSandbox } from './mail.js';
import { openConfiguredDatabase } from '../compose.js';
import type { Database } from '../db/types.js';
import { listIncidents } from '../core/index.js';
import { SlackEmulator } from './emulator/emulator.js';
import type { SlackEmulatorOptions } from './emulator/types.js';
import { readAppSurface } from './app-surface.js';
import { runRepl, runScript } from './repl.js';
import { SandboxSession } from './session.js';
import { TranscriptPrinter } from './transcript.js';
import { saveSharedFiles } from './files.js';
import { CapturedRefs } from './captured-refs.js';
import { loadSandboxState, restoreSandboxState, saveSandboxState, snapshot } from './saved-state.js';
import { createLogger } from '../log.js';

/** The bot token the sandbox bot and emulator share; it is not a secret, the emulator only listens on loopback. */
export const SANDBOX_BOT_TOKEN = 'xoxb-sandbox';

/** The example out-of-band plan, so `/incident oob` can be tried; its numbers are fictional. */
const EXAMPLE_OOB_PLAN = fileURLToPath(new URL('../../docs/examples/oob-plan.yaml', import.meta.url));

/** Options of a sandbox run; input and output default to the process's terminal. */
export interface SandboxOptions {
  dataDir: string;
  /** A Postgres connection string (DATABASE_URL): the bot's data goes there instead of the embedded database. */
  databaseUrl?: string;
  /** The bot's log level (logs go to sandbox.log in dataDir, never into the transcript). */
  logLevel?: string;
  scriptFile?: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** An already open database (tests that do not test what DATA_DIR keeps); the sandbox leaves it open. */
  database?: Database;
  /**
   * The bot's waits (a channel's pacing, a post's retry) move the sandbox clock at once, as `wait` does, instead of
   * passing in real time: the bot and the emulator see the same time pass, and a test does not sleep.
   */
  fastForwardWaits?: boolean;
  /** The emulator enforces Slack's rate limits (`rampart sandbox --rate-limits`): see SlackEmulatorOptions.rateLimits. */
  rateLimits?: SlackEmulatorOptions['rateLimits'];
}

/** Runs the sandbox interactively or from a script file; resolves to the process exit code. */
export async function runSandbox(opts: SandboxOptions): Promise<number> {
  const output = opts.output ?? process.stdout;
  let lines: string[] | undefined;
  if (opts.scriptFile !== undefined) {
    try {
      lines = (await readFile(opts.scriptFile, 'utf8')).split(/\r?\n/);
    } catch (err) {
      output.write(`✗ cannot read the script ${opts.scriptFile}: ${(err as Error).message}\n`);
      return 1;
    }
  }
  await mkdir(opts.dataDir, { recursive: true });
  let saved;
  try {
    saved = await loadSandboxState(opts.dataDir);
  } catch (err) {
    output.write(`✗ ${(err as Error).message}\n`);
    return 1;
  }

  // A fresh secret per run: only this process's emulator can sign requests the bot accepts.
  const signingSecret = randomBytes(32).toString('hex');
  // `wait 20m` moves this offset: the emulator and the bot read the same shifted clock, so signatures stay fresh.
  // A restart resumes at the saved sandbox time when it is ahead of the real time, so time never goes back.
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const emu = await SlackEmulator.start({ signingSecret, botToken: SANDBOX_BOT_TOKEN, now, ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}) });
  const logFile = path.join(opts.dataDir, 'sandbox.log');
  const logStream = createWriteStream(logFile, { flags: 'a' });
  const logger = createLogger(opts.logLevel ?? 'info', logStream);
  let app: RampartApp | undefined;
  let database: Database | undefined;
  let session: SandboxSession | undefined;
  let stopSaving: (() => void) | undefined;
  const printer = new TranscriptPrinter(emu, output, () => session?.userId ?? emu.user('you').id);
  const persist = () => saveSandboxState(opts.dataDir, snapshot(emu, now()));
  const env = { DATA_DIR: opts.dataDir, ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}) };
  try {
    offsetMs = restoreSandboxState(emu, saved, Date.now());
    const baseConfig = loadConfig(env);
    database = opts.database ?? (await openConfiguredDatabase(baseConfig, logger));
    const you = emu.user('you');
    const restored = await restoreIncidentChannels(emu, database, you.id);
    emu.channel('general');
    const incidents = emu.channel('incidents', { botMember: true });
    const staff = emu.channel('staff', { botMember: true });
    // The port is chosen before the bot starts so PUBLIC_URL (where decoy links point) can name it.
    const port = await getPort({ host: '127.0.0.1' });
    const config = loadConfig({
      ...env,
      SLACK_BOT_TOKEN: SANDBOX_BOT_TOKEN,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: emu.apiUrl,
      SLACK_APP_ID: emu.appId,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      OOB_PLAN_FILE: EXAMPLE_OOB_PLAN,
      INCIDENT_CHANNEL: incidents.id,
      RESPONDERS: you.id,
      ADMINS: you.id,
      AWARENESS_CHANNELS: staff.id,
      HOST: '127.0.0.1',
      // The sandbox is one person's terminal: nothing scrapes it, and a bot on this machine may hold port 9464.
      METRICS_PORT: 'off',
      LOG_LEVEL: opts.logLevel ?? 'info',
    });
    const alerts = new SandboxAlerts(() => app);
    const refs = new CapturedRefs(emu, () => incidents.id);
    session = new SandboxSession(emu, printer, {
      idle: () => app?.idle() ?? Promise.resolve(),
      surface: await readAppSurface(),
      advance: (ms) => {
        offsetMs += ms;
      },
      // `wait` runs what the scheduler would have run at the new time: the weekly tip, the digest and the follow-up reminders.
      afterWait: async () => (app ? app.runScheduledPosts() : []),
      afterLine: persist,
      refs,
      botUrl: () => app?.url,
      alerts: (line) => alerts.send(line),
      mail: async (file) => (app ? mailToSandbox(app.core, path.join(opts.dataDir, 'mailbox'), file) : []),
    });
    await session.join('incidents');
    await session.join('staff');
    await session.join('general');
    await persist();
    printer.write(banner(opts, lines !== undefined, restored.length, logFile));
    // Printing starts before the bot does, so anything it posts while starting up is in the transcript.
    printer.start();
    stopSaving = saveSharedFiles(emu, path.join(opts.dataDir, 'files'), (line) => printer.write([line]));
    // No timed triggers in the sandbox: its clock jumps with `wait`, which runs the due scheduled posts itself.
    const fastForward = async (ms: number) => {
      offsetMs += ms;
    };
    app = await startRampart(config, { database, scheduler: false, clock: { now: () => new Date(now()) }, logger, ...(opts.fastForwardWaits ? { sleep: fastForward } : {}) });
    emu.setBotUrl(`${app.url}/slack/events`);
    return lines !== undefined
      ? await runScript(session, printer, lines)
      : await runRepl(session, printer, opts.input ?? process.stdin, output);
  } finally {
    stopSaving?.();
    printer.stop();
    await app?.stop();
    if (!opts.database) await database?.close();
    await persist().catch(() => undefined);
    await emu.close();
    await new Promise((resolve) => logStream.end(resolve));
  }
}

/**
 * The emulated workspace keeps its people and channels in sandbox-state.json; incidents in the database whose
 * channels it does not know (an older data directory) get them back under the same ids, so `in #inc-1` still works.
 */
async function restoreIncidentChannels(emu: SlackEmulator, database: Database, member: string) {
  const incidents = await listIncidents(database.db, { all: true, limit: 10_000 });
  return incidents
    .filter((i) => i.channelId && i.channelName)
    .map((i) => emu.channelById(i.channelId!) ?? emu.restoreChannel({ id: i.channelId!, name: i.channelName!, is_private: i.private, members: [member] }));
}

function banner(opts: SandboxOptions, scripted: boolean, restored: number, logFile: string): string[] {
  // The connection string may hold a password: the banner names the database, never the URL.
  const where = opts.databaseUrl ? `Data is kept in the Postgres database of DATABASE_URL (people and clock in ${opts.dataDir})` : `Data is kept in ${opts.dataDir}`;
  const lines = [
    'Rampart sandbox: the real bot, a local stand-in for Slack, and you.',
    `  You are @you (a responder and an admin) in #general; announcements go to #incidents, weekly tips to #staff. ${where}; the bot's log is ${logFile}.`,
  ];
  if (restored > 0) lines.push(`  ${restored} incident channel(s) from earlier runs are back; \`/incident list all\` shows their incidents.`);
  if (!scripted) lines.push('  Type a slash command such as /incident help, or help for everything you can do. Ctrl-D quits.');
  return [...lines, ''];
}
