// Start-up benchmark (issue 17): the time from spawning the bot to its first healthy `GET /healthz`, in Postgres
// mode, against a local Slack emulator (start-up calls auth.test). `npm start` (bin/rampart.js, running the compiled
// dist/) and the sources through tsx (how `npm start` ran before) start in turn, round after round, so both see the
// same machine load. The first start of a fresh database applies the migrations and is reported on its own.
// Run: `npm run bench -- startup`, or `node --import tsx bench/startup.ts --rounds 5`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import getPort from 'get-port';
import { SlackEmulator } from '../src/sandbox/emulator/emulator.js';
import { npmStartArgs, requireCurrentBuild } from './npm-start.js';
import { quantile, scratchPostgres } from './support.js';

const VARIANTS: Record<string, string[]> = {
  'npm start (compiled)': npmStartArgs(),
  'tsx (before)': ['--import', 'tsx', 'src/cli/main.ts', 'start'],
};

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

requireCurrentBuild('startup bench');
const SIGNING_SECRET = 'startup-bench-secret';
const BOT_TOKEN = 'xoxb-startup-bench';
const emulator = await SlackEmulator.start({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
const { target, cleanup } = await scratchPostgres(serverUrl, 'rampart_startup_bench');

/** What one start measured: wall time, and the bot process's CPU time and RSS when it was healthy (Linux only). */
interface Start {
  ms: number;
  cpuMs: number | undefined;
  rssMb: number | undefined;
}

/**
 * One start: ms from spawn to the first 200 on /healthz. The CPU time it took is steadier than the wall time on a
 * loaded machine. The tsx variant's esbuild service is a second process, so its CPU and memory are not counted.
 */
async function startOnce(args: string[]): Promise<Start> {
  const port = await getPort({ host: '127.0.0.1' });
  // Only what the bot needs, so the caller's own settings (AWARENESS_CHANNELS, …) do not change what starts.
  const env = {
    PATH: process.env.PATH,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: target.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode} before it was healthy`);
      const status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => undefined);
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const ms = performance.now() - started;
    return { ms, ...processStats(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** CPU time (user + system, from /proc/PID/stat in clock ticks of 10 ms) and RSS of a process; undefined off Linux. */
function processStats(pid: number | undefined): { cpuMs: number | undefined; rssMb: number | undefined } {
  try {
    // Fields after the command name: state is 3rd, utime 14th and stime 15th of the whole line.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return { cpuMs: (Number(fields[11]) + Number(fields[12])) * 10, rssMb: kb ? Number(kb) / 1024 : undefined };
  } catch {
    return { cpuMs: undefined, rssMb: undefined };
  }
}

const range = (values: (number | undefined)[], unit: string) => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length > 0 ? `${Math.min(...known).toFixed(0)}–${Math.max(...known).toFixed(0)} ${unit}` : 'n/a';
};

try {
  const first = await startOnce(VARIANTS['npm start (compiled)']!);
  const results = new Map<string, Start[]>(Object.keys(VARIANTS).map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, args] of Object.entries(VARIANTS)) results.get(name)!.push(await startOnce(args));
  }
  console.log(`| start to a healthy /healthz (Postgres, ${rounds} rounds) | min | median | max | CPU time | RSS when healthy |`);
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [name, runs] of results) {
    const ms = runs.map((r) => r.ms);
    const wall = `${Math.min(...ms).toFixed(0)} ms | ${quantile(ms, 0.5).toFixed(0)} ms | ${Math.max(...ms).toFixed(0)} ms`;
    console.log(`| ${name} | ${wall} | ${range(runs.map((r) => r.cpuMs), 'ms')} | ${range(runs.map((r) => r.rssMb), 'MB')} |`);
  }
  console.log(`\nfirst start on the fresh database (migrations applied): ${first.ms.toFixed(0)} ms`);
} finally {
  await cleanup();
  await emulator.close();
}
