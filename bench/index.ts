// `npm run bench`: every benchmark, one after the other, each in its own process (so one's memory is not another's).
// `npm run bench -- redact decoy-timing` runs only those. Results and targets are in docs/benchmarks.md.
import { spawnSync } from 'node:child_process';

const BENCHES: Record<string, string[]> = {
  'column-backstop': ['--import', 'tsx', 'bench/column-backstop.ts'],
  redact: ['--import', 'tsx', 'bench/redact.ts'],
  'decoy-timing': ['--import', 'tsx', 'bench/decoy-timing.ts'],
  'decoy-messages': ['--import', 'tsx', 'bench/decoy-messages.ts'],
  'stalled-bodies': ['--expose-gc', '--import', 'tsx', 'bench/stalled-bodies.ts'],
  report: ['--import', 'tsx', 'bench/report.ts'],
  'declare-burst': ['--import', 'tsx', 'bench/declare-burst.ts'],
  'declare-storm': ['--import', 'tsx', 'bench/declare-storm.ts'],
  suite: ['--import', 'tsx', 'bench/suite/main.ts'],
  startup: ['--import', 'tsx', 'bench/startup.ts'],
  'idle-memory': ['--import', 'tsx', 'bench/idle-memory.ts'],
};

// Names first, then options for the benchmarks named: `npm run bench -- suite --no-write --rounds 1`.
const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith('--'));
const asked = firstOption < 0 ? args : args.slice(0, firstOption);
const flags = firstOption < 0 ? [] : args.slice(firstOption);
if (flags.length > 0 && asked.length === 0) {
  console.error('bench: options are for the benchmarks named before them, e.g. npm run bench -- suite --no-write');
  process.exit(2);
}
const unknown = asked.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')}; there are ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of asked.length > 0 ? asked : Object.keys(BENCHES)) {
  console.log(`\n== ${name}`);
  const run = spawnSync(process.execPath, [...BENCHES[name]!, ...flags], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
