// A private Postgres server for tests that stop and start it (the shared TEST_DATABASE_URL server serves every other
// test file at the same time, so it must never be restarted). initdb into a temp dir, pg_ctl on a free port.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './bot-process.js';

const run = promisify(execFile);

/** Where Debian's postgresql-15 package puts the server binaries. */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Why a private server cannot be started here, or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(path.join(PG_BIN, tool))) return `no ${tool} in ${PG_BIN} (install postgresql-15)`;
  }
  return undefined;
}

/** A running private server. */
export interface PrivatePostgres {
  /** postgres://… for the `postgres` database. */
  url: string;
  /** Stops the server the way an operator's restart does (fast: sessions are terminated, nothing is lost). */
  stop(): Promise<void>;
  /** Starts it again and resolves once it accepts connections. */
  start(): Promise<void>;
  /** When the server last logged that it accepts connections (its own clock, to the millisecond). */
  readyAt(): number;
  /** Stops it if running and removes its files; safe to call twice. */
  destroy(): Promise<void>;
}

/** Creates and starts a throwaway cluster (no fsync: its data is disposable, and the test is about connections). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rampart-pg-'));
  // initdb refuses to run as root; then the server runs as the postgres OS user, which must own the directory.
  const asRoot = userInfo().uid === 0;
  const pgUser = asRoot ? await osUser('postgres') : undefined;
  if (pgUser) chownSync(dir, pgUser.uid, pgUser.gid);
  const exec = (tool: string, args: string[]) => run(asRoot ? 'runuser' : path.join(PG_BIN, tool), asRoot ? ['-u', 'postgres', '--', path.join(PG_BIN, tool), ...args] : args);
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  const port = await freePort();
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    // Its own socket directory: the shared server's lock and socket files in /var/run/postgresql are left alone.
    `-c unix_socket_directories=${dir}`,
    '-c fsync=off',
    '-c full_page_writes=off',
    // Millisecond UTC timestamps, so readyAt() can be read from the log.
    "-c log_line_prefix='%m '",
    '-c log_timezone=UTC',
  ].join(' ');
  let running = false;
  const start = async () => {
    await exec('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '30', 'start']);
    running = true;
  };
  const stop = async (mode = 'fast') => {
    await exec('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '30', 'stop']);
    running = false;
  };
  let destroyed = false;
  try {
    await exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '--locale=C', '-E', 'UTF8']);
    await start();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => stop(),
    start,
    readyAt: () => lastReadyAt(readFileSync(log, 'utf8')),
    destroy: async () => {
      if (destroyed) return;
      destroyed = true;
      try {
        if (running) await stop('immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The time of the log's last "ready to accept connections" line, e.g. `2026-11-25 06:40:01.123 UTC LOG: …`. */
function lastReadyAt(log: string): number {
  const lines = log.split('\n').filter((l) => l.includes('database system is ready to accept connections'));
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) UTC/.exec(lines.at(-1) ?? '');
  if (!match) throw new Error('the private Postgres has not logged that it is ready');
  return Date.parse(`${match[1]}T${match[2]}Z`);
}

async function osUser(name: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
