// Idle memory and start-up benchmark (issue 17): starts the bot as users do (`rampart start`, in its own process),
// waits for GET /healthz to answer 200, lets it settle, and reads its resident memory from /proc (VmRSS now, VmHWM the
// peak). Modes: Postgres (a scratch database), embedded PGlite on a new DATA_DIR ("first start": a new database) and the
// same directory again ("later start"). Slack is a stub in this process answering auth.test, so the bot starts as
// against a real workspace and costs this process nothing. A bare `node` process is measured alongside as the floor.
// Run: `npm run bench -- idle-memory`, or `node --import tsx bench/idle-memory.ts --rounds 3 --settle 5`;
// `--bin dist/cli/main.js` measures another entry point (default bin/rampart.js with package.json's start flags, as
// `npm start` runs it; `--node-args=` without them).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import getPort from 'get-port';
import { npmStartFlags, requireCurrentBuild } from './npm-start.js';
import { scratchPglite, scratchPostgres } from './support.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    settle: { type: 'string', default: '5' },
    modes: { type: 'string', default: 'node,postgres,pglite' },
    bin: { type: 'string', default: 'bin/rampart.js' },
    // Node flags for the bot's process (space-separated); by default those of package.json's start script, as `npm start`.
    'node-args': { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const settleMs = Number(values.settle) * 1000;
const modes = values.modes.split(',');
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** What one start measured. */
interface Sample {
  startMs: number;
  idleMb: number;
  peakMb: number;
}

/** A Slack Web API that knows only auth.test (the one call start-up needs) and says ok to anything else. */
async function slackStub(): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    req.resume();
    const body = req.url?.endsWith('/auth.test')
      ? { ok: true, url: 'https://bench.slack.com/', team: 'Bench', team_id: 'T0BENCH', user: 'rampart', user_id: 'U0BOT', bot_id: 'B0BOT' }
      : { ok: true };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/`, close: () => server.close() };
}

/** VmRSS and VmHWM of a process, in MB. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function healthy(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}) before it was healthy:\n${stderr()}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(20);
  }
}

/** Starts one process, waits for it to be healthy (when it has an HTTP port), settles, measures, stops it. */
async function measure(args: string[], env: Record<string, string>, healthPort?: number): Promise<Sample> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    if (healthPort !== undefined) await healthy(`http://127.0.0.1:${healthPort}/healthz`, child, () => stderr);
    const startMs = performance.now() - started;
    await sleep(settleMs);
    const { rssMb, peakMb } = memoryOf(child.pid!);
    return { startMs, idleMb: rssMb, peakMb };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // SIGTERM: the bot shuts down cleanly (PGlite must close its data directory properly for the next start).
    child.kill('SIGTERM');
    await exited;
  }
}

async function botEnv(slackUrl: string, database: Record<string, string>): Promise<{ env: Record<string, string>; port: number }> {
  const port = await getPort();
  const env = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: 'bench-signing-secret', SLACK_API_URL: slackUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...database };
  return { env, port };
}

const results = new Map<string, Sample[]>();
const record = (row: string, sample: Sample) => results.set(row, [...(results.get(row) ?? []), sample]);
const slack = await slackStub();
const startScript = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
const nodeArgs = values['node-args'] ?? npmStartFlags(startScript).join(' ');
if (values.bin === 'bin/rampart.js') requireCurrentBuild('idle-memory bench');
const bot = [...nodeArgs.split(' ').filter(Boolean), values.bin, 'start'];
try {
  for (let round = 0; round < rounds; round += 1) {
    if (modes.includes('node')) {
      record('bare node (floor)', await measure(['-e', 'setInterval(() => {}, 1000)'], {}));
      if (values.bin === 'bin/rampart.js') record('bare node + tsx loader', await measure(['--import', 'tsx', '-e', 'setInterval(() => {}, 1000)'], {}));
    }
    if (modes.includes('postgres')) {
      const { target, cleanup } = await scratchPostgres(serverUrl, 'rampart_idle_bench');
      try {
        const { env, port } = await botEnv(slack.url, { DATABASE_URL: target.url });
        // The first start applies the migrations; the second is the steady state a restart sees.
        await measure(bot, env, port);
        record('Postgres', await measure(bot, env, port));
      } finally {
        await cleanup();
      }
    }
    if (modes.includes('pglite')) {
      const { target, cleanup } = await scratchPglite('rampart-idle-bench');
      try {
        const { env, port } = await botEnv(slack.url, { DATA_DIR: target.dataDir });
        record('PGlite, first start', await measure(bot, env, port));
        record('PGlite, later start', await measure(bot, env, port));
      } finally {
        await cleanup();
      }
    }
  }
} finally {
  slack.close();
}

const range = (samples: Sample[], pick: (s: Sample) => number, digits = 0) => {
  const list = samples.map(pick);
  const [lo, hi] = [Math.min(...list), Math.max(...list)];
  return lo.toFixed(digits) === hi.toFixed(digits) ? lo.toFixed(digits) : `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;
};
console.log(`| ${[...bot].join(' ')} (${rounds} rounds, ${values.settle} s settle) | idle RSS | peak RSS | start to healthy /healthz |`);
console.log('|---|---:|---:|---:|');
for (const [row, samples] of results) {
  const start = row.startsWith('bare') ? '—' : `${range(samples, (s) => s.startMs / 1000, 2)} s`;
  console.log(`| ${row} | ${range(samples, (s) => s.idleMb)} MB | ${range(samples, (s) => s.peakMb)} MB | ${start} |`);
}
