// One round of each kind: the bare Bolt baseline on Postgres, Rampart on Postgres, and Rampart's first and later
// start on PGlite. A server round starts the process (timing it to a healthy /healthz), lets it settle and reads its
// idle memory, then drives message events and a declare burst at it, in that order so the messages meet a bot that
// is not yet working off the declares' Slack set-up.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmuChannel, EmuUser } from '../../src/sandbox/emulator/types.js';
import type { Databases } from './databases.js';
import { pgliteDataDir } from './databases.js';
import { spawnNode, startServer, type ServerProcess } from './processes.js';
import { declares, drive, messages, type LoadResult, type SlackSide } from './slack-load.js';
import { npmStartArgs } from '../npm-start.js';

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
  /** Where Rampart's Postgres-mode processes write a V8 CPU profile each (node --cpu-prof), when asked. */
  profileDir?: string;
  /** `--only`: one load alone (the other is not sent), for a focused profile or a quick before/after. */
  only?: 'declares' | 'messages';
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

// As `npm start` runs it: the compiled bot with the start script's node flags.
const RAMPART = npmStartArgs();
const BOT_TOKEN = 'xoxb-harness';

/** The emulator's own process with a responder, the channel they type in, and the incident channel. */
async function workspace(signingSecret: string) {
  const child = spawnNode(['--import', 'tsx', 'bench/suite/emulator-process.ts'], { PATH: process.env.PATH ?? '', SIGNING_SECRET: signingSecret, BOT_TOKEN }, ['ignore', 'pipe', 'inherit']);
  const exited = once(child, 'exit');
  const started = once(createInterface({ input: child.stdout! }), 'line') as Promise<[string]>;
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

/** A load that was not run (`--only declares` leaves the message events out). */
export const NOT_RUN: LoadResult = { perSecond: NaN, p99Ms: NaN, maxMs: NaN, ok: 0, non2xx: 0, errors: 0, errorReplies: 0, examples: [] };

/** Settles, reads memory, then drives messages and declares at the server. */
async function exercise(server: ServerProcess, side: SlackSide, s: RoundSettings, label: string): Promise<ServerRound> {
  await sleep(s.settleMs);
  const idleRssMb = server.rssMb();
  const childrenRssMb = server.childrenRssMb();
  const load = { connections: s.connections };
  let messageResult = NOT_RUN;
  if (s.only !== 'declares') {
    await drive(server.url, side.signingSecret, { ...messages(side, `${label}w`), ...load, durationS: s.warmupS });
    messageResult = await drive(server.url, side.signingSecret, { ...messages(side, label), ...load, durationS: s.durationS });
  }
  if (s.only === 'messages') return { startMs: server.startMs, idleRssMb, childrenRssMb, messages: messageResult, declares: NOT_RUN };
  await drive(server.url, side.signingSecret, { ...declares(side, `${label}w`), ...load, durationS: s.warmupS });
  const declareResult = await drive(server.url, side.signingSecret, { ...declares(side, label), ...load, durationS: s.durationS });
  return { startMs: server.startMs, idleRssMb, childrenRssMb, messages: messageResult, declares: declareResult };
}

/** Runs body, then every cleanup it deferred, last first, whether body succeeded or not. */
async function withCleanups<T>(body: (defer: (cleanup: () => Promise<unknown>) => void) => Promise<T>): Promise<T> {
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    return await body((cleanup) => cleanups.push(cleanup));
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: Error) => console.error(`cleanup failed: ${err.message}`));
  }
}

/** The bare Bolt app on a fresh copy of the template database. */
export function bareRound(s: RoundSettings, round: number): Promise<ServerRound> {
  return withCleanups(async (defer) => {
    const url = await s.databases.copy(`bare_${round}`);
    defer(() => s.databases.drop(url));
    const secret = randomBytes(16).toString('hex');
    const { side, close } = await workspace(secret);
    defer(close);
    const server = await startServer([s.bareBolt], { DATABASE_URL: url, SLACK_SIGNING_SECRET: secret });
    defer(() => server.stop());
    return exercise(server, side, s, `B${round}`);
  });
}

/** Rampart (`rampart start`) on a fresh copy of the migrated template database. */
export function rampartRound(s: RoundSettings, round: number): Promise<ServerRound> {
  return withCleanups(async (defer) => {
    const url = await s.databases.copy(`rampart_${round}`);
    defer(() => s.databases.drop(url));
    const secret = randomBytes(16).toString('hex');
    const { emu, side, incidents, close } = await workspace(secret);
    defer(close);
    // A profile covers the whole process life (start, idle, messages, declares). Node writes it on a clean exit only,
    // takes --cpu-prof as an argument, not in NODE_OPTIONS, and writes one per thread (a module loader's thread too),
    // so each round gets a directory and Node names the files (CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile).
    const profiling = s.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(s.profileDir, `rampart-round-${round}`)}`] : [];
    const server = await startServer([...profiling, ...RAMPART], { ...rampartEnv(emu, secret, side.user.id, incidents.id), DATABASE_URL: url });
    // The declares' Slack set-up may still be going on: it is cut short (unless a profile is to be written), and the
    // database dropped anyway.
    defer(() => server.stop(s.profileDir ? 60_000 : 5_000));
    return exercise(server, side, s, `R${round}`);
  });
}

/** Rampart on PGlite: a first start on an empty DATA_DIR (initdb and migrations), then a later start on it. */
export function pgliteRound(s: RoundSettings): Promise<PgliteRound> {
  return withCleanups(async (defer) => {
    const { dir, remove } = await pgliteDataDir();
    defer(remove);
    const secret = randomBytes(16).toString('hex');
    const { emu, side, incidents, close } = await workspace(secret);
    defer(close);
    const env = { ...rampartEnv(emu, secret, side.user.id, incidents.id), DATA_DIR: dir };
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
  });
}
