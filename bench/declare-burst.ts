// Declare burst benchmark (issue 17): N declares through core at a fixed concurrency on Postgres, each over the
// pool's own connections, as a burst of `/incident declare` reaches core. It reports throughput and the p50/p99/max
// of one declare (from the call to the committed incident), and checks the references came out 1..N, gapless.
// Run: `npm run bench -- declare-burst`, or `node --import tsx bench/declare-burst.ts --declares 1000 --concurrency 10`.
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.js';
import { benchCore, quantile, scratchPostgres } from './support.js';

const { values } = parseArgs({ options: { declares: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '10' } } });
const total = Number(values.declares);
const concurrency = Number(values.concurrency);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const { target, cleanup } = await scratchPostgres(serverUrl, 'rampart_declare_bench');
const database = await openDatabase({ ...target, max: concurrency });
const core = await benchCore(database);
const actor = { id: 'U0BENCH', source: 'slack-command' } as const;
const declare = (i: number) => core.declare(actor, { title: `Burst declare ${i}`, severity: 'sev3' });

// Warm-up (connections, plans), then the measured burst.
await Promise.all(Array.from({ length: concurrency }, (_, i) => declare(-i)));
const times: number[] = [];
const numbers: number[] = [];
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      const { incident } = await declare(i);
      times.push(performance.now() - t0);
      numbers.push(incident.number);
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
numbers.sort((a, b) => a - b);
const gapless = numbers.every((n, i) => n === concurrency + 1 + i);
console.log(`| declares (Postgres, concurrency ${concurrency}) | per second | p50 | p99 | max |`);
console.log('|---|---:|---:|---:|---:|');
console.log(`| ${total} | ${(total / elapsed).toFixed(0)} | ${quantile(times, 0.5).toFixed(1)} ms | ${quantile(times, 0.99).toFixed(1)} ms | ${Math.max(...times).toFixed(1)} ms |`);
console.log(`\nreferences ${gapless ? `INC-${concurrency + 1}..INC-${concurrency + total}, gapless` : 'NOT gapless'}`);
await database.close();
await cleanup();
if (!gapless) process.exitCode = 1;
