// One round of each kind: the bare Bolt baseline on Postgres, Rampart on Postgres, and Rampart's first and later
// start on PGlite. A server round starts the process (timing it to a healthy /healthz), lets it settle and reads its
// idle memory, then drives message events and a declare burst at it, in that order so the messages meet a bot that
// is not yet working off the declares' Slack set-up.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmuChannel, EmuUser } from '../../src/sandbox/emulator/types.js';
import type { Databases } from './databases.js';
import { pgliteDataDir } from './databases.js';
import { startServer, type ServerProcess } from './processes.js';
import { declares, drive, messages, type LoadResult, type SlackSide } from './slack-load.js';

/** What every round is run with. */
export interface RoundSettings {
  databases: Databases;
  /** Path of the compiled bare Bolt app. */
  bareBolt: string;
  /** How long a started process is left alone before its memory is read. */
  settleMs: number;
  connections: number;
  durationS: number;
  /** An unmeasured run first, so the measured one meets warmed-up code and connections. */
  warmupS: number;
}

/** What one server round measured. */
export interface ServerRound {
  startMs: number;
  idleRssMb: number;
  childrenRssMb: number;
  messages: LoadResult;
  declares: LoadResult;
}

/** What one PGlite round measured. */
export interface PgliteRound {
  firstStartMs: number;
  firstRssMb: number;
  laterStartMs: number;
  laterRssMb: number;
}

const RAMPART = ['bin/rampart.js', 'start'];
const BOT_TOKEN = 'xoxb-harness';

/** The emulator's own process with a responder, the channel they type in, and the incident channel. */
async function workspace(signingSecret: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/suite/emulator-process.ts'], {
    env: { PATH: process.env.PATH ?? '', SIGNING_SECRET: signingSecret, BOT_TOKEN: BOT_TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const started = once(createInterface({ input: child.stdout }), 'line') as Promise<[string]>;
  const [line] = await Promise.race([started, exited.then(() => Promise.reject(new Error('the Slack emulator exited before it was ready')))]);
  const emu = JSON.parse(line) as { apiUrl: string; appId: string; baseUrl: string; lead: EmuUser; general: EmuChannel; incidents: EmuChannel };
  const side: SlackSide = { signingSecret, user: emu.lead, channel: emu.general, responseUrlBase: `${emu.baseUrl}/_response` };
  const close = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  return { emu, side, incidents: emu.incidents, close };
}

/** Rampart's settings as a user sets them, against this emulator. */
function rampartEnv(emu: { apiUrl: string; appId: string }, signingSecret: string, lead: string, incidents: string): Record<string, string> {
  return { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: emu.apiUrl, SLACK_APP_ID: emu.appId, INCIDENT_CHANNEL: incidents, RESPONDERS: lead };
}

/** Settles, reads memory, then drives messages and declares at the server. */
async function exercise(server: ServerProcess, side: SlackSide, s: RoundSettings, label: string): Promise<ServerRound> {
  await sleep(s.settleMs);
  const idleRssMb = server.rssMb();
  const childrenRssMb = server.childrenRssMb();
  const load = { connections: s.connections };
  await drive(server.url, side.signingSecret, { ...messages(side, `${label}w`), ...load, durationS: s.warmupS });
  const messageResult = await drive(server.url, side.signingSecret, { ...messages(side, label), ...load, durationS: s.durationS });
  await drive(server.url, side.signingSecret, { ...declares(side, `${label}w`), ...load, durationS: s.warmupS });
  const declareResult = await drive(server.url, side.signingSecret, { ...declares(side, label), ...load, durationS: s.durationS });
  return { startMs: server.startMs, idleRssMb, childrenRssMb, messages: messageResult, declares: declareResult };
}

/** The bare Bolt app on a fresh copy of the template database. */
export async function bareRound(s: RoundSettings, round: number): Promise<ServerRound> {
  const url = await s.databases.copy(`bare_${round}`);
  const secret = randomBytes(16).toString('hex');
  const { side, close } = await workspace(secret);
  const server = await startServer([s.bareBolt], { DATABASE_URL: url, SLACK_SIGNING_SECRET: secret });
  try {
    return await exercise(server, side, s, `B${round}`);
  } finally {
    await server.stop();
    await close();
    await s.databases.drop(url);
  }
}

/** Rampart (`rampart start`) on a fresh copy of the migrated template database. */
export async function rampartRound(s: RoundSettings, round: number): Promise<ServerRound> {
  const url = await s.databases.copy(`rampart_${round}`);
  const secret = randomBytes(16).toString('hex');
  const { emu, side, incidents, close } = await workspace(secret);
  const server = await startServer(RAMPART, { ...rampartEnv(emu, secret, side.user.id, incidents.id), DATABASE_URL: url });
  try {
    return await exercise(server, side, s, `R${round}`);
  } finally {
    // The declares' Slack set-up may still be going on; it is cut short, the database is dropped anyway.
    await server.stop(5_000);
    await close();
    await s.databases.drop(url);
  }
}

/** Rampart on PGlite: a first start on an empty DATA_DIR (initdb and migrations), then a later start on it. */
export async function pgliteRound(s: RoundSettings): Promise<PgliteRound> {
  const { dir, remove } = await pgliteDataDir();
  const secret = randomBytes(16).toString('hex');
  const { emu, side, incidents, close } = await workspace(secret);
  const env = { ...rampartEnv(emu, secret, side.user.id, incidents.id), DATA_DIR: dir };
  try {
    const idle = async () => {
      const server = await startServer(RAMPART, env);
      try {
        await sleep(s.settleMs);
        return { startMs: server.startMs, rssMb: server.rssMb() };
      } finally {
        // A clean stop: PGlite must close its data directory properly for the later start.
        await server.stop(30_000);
      }
    };
    const first = await idle();
    const later = await idle();
    return { firstStartMs: first.startMs, firstRssMb: first.rssMb, laterStartMs: later.startMs, laterRssMb: later.rssMb };
  } finally {
    await close();
    await remove();
  }
}
