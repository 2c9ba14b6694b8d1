// `rampart sandbox`: the real bot in HTTP mode on the embedded database, a Slack Web API emulator on loopback, and a
// terminal (or a script) where you act as a Slack user. Requests reach the bot signed exactly as Slack sends them.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import { loadConfig } from '../config.js';
import { openConfiguredDatabase, startRampart, type RampartApp } from '../app.js';
import type { Database } from '../db/client.js';
import { listIncidents } from '../core/incidents/queries.js';
import { SlackEmulator } from './emulator/emulator.js';
import { readAppSurface } from './app-surface.js';
import { runRepl, runScript } from './repl.js';
import { SandboxSession } from './session.js';
import { TranscriptPrinter } from './transcript.js';
import { saveSharedFiles } from './files.js';

/** The bot token the sandbox bot and emulator share; it is not a secret, the emulator only listens on loopback. */
export const SANDBOX_BOT_TOKEN = 'xoxb-sandbox';

/** The example out-of-band plan, so `/incident oob` can be tried; its numbers are fictional. */
const EXAMPLE_OOB_PLAN = fileURLToPath(new URL('../../docs/examples/oob-plan.yaml', import.meta.url));

/** Options of a sandbox run; input and output default to the process's terminal. */
export interface SandboxOptions {
  dataDir: string;
  /** The bot's log level (logs go to stderr). */
  logLevel?: string;
  scriptFile?: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
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

  // A fresh secret per run: only this process's emulator can sign requests the bot accepts.
  const signingSecret = randomBytes(32).toString('hex');
  // `wait 20m` moves this offset: the emulator and the bot read the same shifted clock, so signatures stay fresh.
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const emu = await SlackEmulator.start({ signingSecret, botToken: SANDBOX_BOT_TOKEN, now });
  let app: RampartApp | undefined;
  let database: Database | undefined;
  let session: SandboxSession | undefined;
  let stopSaving: (() => void) | undefined;
  const printer = new TranscriptPrinter(emu, output, () => session?.userId ?? emu.user('you').id);
  try {
    const baseConfig = loadConfig({ DATA_DIR: opts.dataDir });
    database = await openConfiguredDatabase(baseConfig);
    const you = emu.user('you');
    const restored = await restoreIncidentChannels(emu, database, you.id);
    emu.channel('general');
    const incidents = emu.channel('incidents', { botMember: true });
    const staff = emu.channel('staff', { botMember: true });
    // The port is chosen before the bot starts so PUBLIC_URL (where decoy links point) can name it.
    const port = await getPort({ host: '127.0.0.1' });
    const config = loadConfig({
      SLACK_BOT_TOKEN: SANDBOX_BOT_TOKEN,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: emu.apiUrl,
      SLACK_APP_ID: emu.appId,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      OOB_PLAN_FILE: EXAMPLE_OOB_PLAN,
      DATA_DIR: opts.dataDir,
      INCIDENT_CHANNEL: incidents.id,
      RESPONDERS: you.id,
      ADMINS: you.id,
      AWARENESS_CHANNELS: staff.id,
      HOST: '127.0.0.1',
      LOG_LEVEL: opts.logLevel ?? 'warn',
    });
    session = new SandboxSession(emu, printer, {
      idle: () => app?.idle() ?? Promise.resolve(),
      surface: await readAppSurface(),
      advance: (ms) => {
        offsetMs += ms;
      },
      botUrl: () => app?.url,
    });
    await session.join('incidents');
    await session.join('staff');
    await session.join('general');
    printer.write(banner(opts.dataDir, lines !== undefined, restored.length));
    // Printing starts before the bot does, so anything it posts while starting up is in the transcript.
    printer.start();
    stopSaving = saveSharedFiles(emu, path.join(opts.dataDir, 'files'), (line) => printer.write([line]));
    // No weekly trigger in the sandbox: `/awareness send-now` posts a tip when you want one.
    app = await startRampart(config, { database, scheduler: false, now });
    emu.setBotUrl(`${app.url}/slack/events`);
    return lines !== undefined
      ? await runScript(session, printer, lines)
      : await runRepl(session, printer, opts.input ?? process.stdin, output);
  } finally {
    stopSaving?.();
    printer.stop();
    await app?.stop();
    await database?.close();
    await emu.close();
  }
}

/**
 * The emulated workspace starts empty each run; incidents kept in DATA_DIR by earlier runs get their channels back
 * under the same ids, so `in #inc-1` and notes without a reference keep working.
 */
async function restoreIncidentChannels(emu: SlackEmulator, database: Database, member: string) {
  const incidents = await listIncidents(database.db, { all: true, limit: 10_000 });
  return incidents
    .filter((i) => i.channelId && i.channelName)
    .map((i) => emu.restoreChannel({ id: i.channelId!, name: i.channelName!, is_private: i.private, members: [member] }));
}

function banner(dataDir: string, scripted: boolean, restored: number): string[] {
  const lines = [
    'Rampart sandbox: the real bot, a local stand-in for Slack, and you.',
    `  You are @you (a responder and an admin) in #general; announcements go to #incidents, weekly tips to #staff. Data is kept in ${dataDir}.`,
  ];
  if (restored > 0) lines.push(`  ${restored} incident channel(s) from earlier runs are back; \`/incident list all\` shows their incidents.`);
  if (!scripted) lines.push('  Type a slash command such as /incident help, or help for everything you can do. Ctrl-D quits.');
  return [...lines, ''];
}
