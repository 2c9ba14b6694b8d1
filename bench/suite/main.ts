// `npm run bench -- suite`: issue 17's table, measured in one run. Rounds alternate the bare Bolt baseline and Rampart
// on Postgres (idle memory, start time, message events, a declare burst, all through signed HTTP driven by autocannon),
// then Rampart's first and later start on PGlite; then the 10,000-event report. The table (with the date and machine)
// replaces the marked block at the top of docs/benchmarks.md; `--no-write` only prints it.
// Options: --rounds 3 --duration 10 --connections 10 --settle 5 --warmup 2 --no-report, --profile <dir> (a CPU profile
// of each Rampart Postgres round, for chrome://inspect or speedscope; profiling slows it).
// `--only declares` or `--only messages` runs the bare Bolt and Rampart Postgres rounds with that load alone (no
// PGlite, no report) and prints its figures without writing the table (for profiling one path). Postgres: BENCH_DATABASE_URL
// (or TEST_DATABASE_URL), default postgres://postgres@127.0.0.1:5432/postgres; databases made are named harness_<pid>_*.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireCurrentBuild } from '../npm-start.js';
import { buildBareBolt } from './baseline-build.js';
import { postgresVersion, runDatabases } from './databases.js';
import { endAllChildren } from './processes.js';
import { replaceBlock } from './doc-block.js';
import { reportTimes } from './report-row.js';
import { bareRound, pgliteRound, rampartRound, type RoundSettings, type ServerRound } from './rounds.js';
import { problems, renderBlock, tableRows, type Figures } from './table.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    settle: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    'no-report': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    profile: { type: 'string' },
    only: { type: 'string' },
  },
});
if (values.only !== undefined && values.only !== 'declares' && values.only !== 'messages') throw new Error(`--only takes "declares" or "messages", not "${values.only}"`);
const only = values.only as 'declares' | 'messages' | undefined;
const rounds = Number(values.rounds);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DOC = new URL('../../docs/benchmarks.md', import.meta.url);

requireCurrentBuild('bench suite');
const databases = await runDatabases(serverUrl);
// Interrupted (Ctrl-C, a timeout): the servers and emulators it started are ended and its databases dropped.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    endAllChildren();
    void databases.cleanup().finally(() => process.exit(130));
  });
}
const settings: RoundSettings = {
  databases,
  bareBolt: await buildBareBolt(),
  settleMs: Number(values.settle) * 1000,
  connections: Number(values.connections),
  durationS: Number(values.duration),
  warmupS: Number(values.warmup),
  ...(values.profile ? { profileDir: path.resolve(values.profile) } : {}),
  only,
};
const figures: Figures = { bare: [], rampart: [], pglite: [], report: undefined, connections: settings.connections, durationS: settings.durationS };
const said = (who: string, r: ServerRound) =>
  console.log(
    `${who}: healthy in ${Math.round(r.startMs)} ms, idle ${Math.round(r.idleRssMb)} MB (+${Math.round(r.childrenRssMb)} MB in child processes); ` +
      `messages ${Math.round(r.messages.perSecond)}/s p99 ${r.messages.p99Ms} ms; declares ${Math.round(r.declares.perSecond)}/s p99 ${r.declares.p99Ms} ms max ${r.declares.maxMs} ms` +
      [r.messages, r.declares].flatMap((l) => l.examples).map((e) => `\n  problem: ${e}`).join(''),
  );
try {
  for (let round = 1; round <= rounds; round += 1) {
    console.log(`\n-- round ${round} of ${rounds}`);
    figures.bare.push(await bareRound(settings, round));
    said('bare Bolt', figures.bare.at(-1)!);
    figures.rampart.push(await rampartRound(settings, round));
    said('Rampart, Postgres', figures.rampart.at(-1)!);
    if (only) continue;
    const p = await pgliteRound(settings);
    figures.pglite.push(p);
    console.log(`Rampart, PGlite: first start healthy in ${Math.round(p.firstStartMs)} ms, idle ${Math.round(p.firstRssMb)} MB; later start ${Math.round(p.laterStartMs)} ms, ${Math.round(p.laterRssMb)} MB`);
  }
  if (!values['no-report'] && !only) {
    figures.report = await reportTimes(databases, rounds);
    console.log(`report of 10,000 events: md ${figures.report.md.map(Math.round).join(', ')} ms; json ${figures.report.json.map(Math.round).join(', ')} ms`);
  }
} finally {
  await databases.cleanup();
}

if (only === 'declares') {
  // Only the declare row was measured: its figures are printed, and the table in docs/benchmarks.md is left alone.
  console.log(`\n${tableRows(figures).find(([what]) => what?.includes('declare'))!.join(' | ')}`);
  process.exit(problems(figures).some((p) => p.includes('declares')) ? 1 : 0);
}
if (only === 'messages') {
  const share = figures.rampart.map((r, i) => Math.round((100 * r.messages.perSecond) / (figures.bare[i]?.messages.perSecond ?? NaN)));
  console.log(`\nmessage events: Rampart at ${share.join(', ')} % of the bare Bolt rate (rounds 1–${rounds}); no table written`);
  process.exit(figures.rampart.some((r) => r.messages.ok === 0 || r.messages.non2xx + r.messages.errors > 0) ? 1 : 0);
}
const block = renderBlock(figures, {
  date: new Date(),
  cores: os.availableParallelism(),
  cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
  ramGb: os.totalmem() / 2 ** 30,
  node: process.version,
  postgres: await postgresVersion(serverUrl),
});
console.log(`\n${block}`);
if (!values['no-write']) {
  await writeFile(DOC, replaceBlock(await readFile(DOC, 'utf8'), block));
  console.log('\nwritten to docs/benchmarks.md');
}
// Written all the same (the problems are listed under the table), but `npm run bench` reports the suite as failed.
if (problems(figures).length > 0) process.exitCode = 1;
