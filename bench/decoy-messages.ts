// Message path benchmark (issue 17): what core's check of a Slack message for pasted decoy credentials costs, with the
// live credentials kept in memory (core.decoys.tripFromMessage, as the bot runs it) and without (the same use case
// reading them from the database on every message, as before). Twenty credential decoys are planted; the messages are
// ordinary text of 32 characters or more holding none of them, which is what nearly every message is. Measured: one
// message at a time (median and p99 of each call), then 10 at a time (messages per second), in alternating rounds.
// Run: `npm run bench -- decoy-messages` (options: --messages 5000 --backend postgres|pglite).
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.js';
import { createCore } from '../src/core/core.js';
import { systemClock } from '../src/core/clock.js';
import type { CoreDeps } from '../src/core/context.js';
import { DEFAULT_INCIDENT_TYPES } from '../src/core/incidents/incident-types.js';
import { loadLibrary } from '../src/core/playbooks/library.js';
import { tripFromMessage, type DecoyMessage } from '../src/core/decoys/sightings.js';
import { quantile, scratchPglite, scratchPostgres } from './support.js';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '5000' }, backend: { type: 'string', default: 'postgres' } } });
const count = Number(values.messages);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CONCURRENCY = 10;
const ROUNDS = 3;

const { target, cleanup } = values.backend === 'postgres' ? await scratchPostgres(serverUrl, 'rampart_decoy_msg_bench') : await scratchPglite('rampart-decoy-msg-bench');
const database = await openDatabase(target);
const deps: CoreDeps = {
  db: database.db,
  clock: systemClock,
  isResponder: async () => true,
  incidentTypes: DEFAULT_INCIDENT_TYPES,
  sensitiveTypes: [],
  timezone: 'UTC',
  playbooks: await loadLibrary(),
  reviewRequired: [],
  redactPatterns: [],
  admins: [],
};
const core = createCore(deps);
const operator = { id: 'bench', source: 'cli' } as const;
for (let i = 0; i < 20; i += 1) await core.decoys.register(operator, { name: `bench-key-${i}`, kind: 'credential' });
await core.decoys.loadLiveCredentials();

const paths = {
  'in memory': (msg: DecoyMessage) => core.decoys.tripFromMessage(msg),
  'database each time': (msg: DecoyMessage) => tripFromMessage(deps, msg),
} as const;
const message = (i: number): DecoyMessage => ({
  text: `Could someone look at the deploy logs for service ${i}, please? It failed twice this morning.`,
  user: 'U0BENCH01',
  channel: 'C0GENERAL',
  ts: `1764000000.${String(i).padStart(6, '0')}`,
});

type Path = keyof typeof paths;
const times: Record<Path, number[]> = { 'in memory': [], 'database each time': [] };
const rates: Record<Path, number[]> = { 'in memory': [], 'database each time': [] };
for (const trip of Object.values(paths)) for (let i = 0; i < 500; i += 1) await trip(message(i));
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, trip] of Object.entries(paths) as [Path, (msg: DecoyMessage) => Promise<unknown>][]) {
    for (let i = 0; i < count; i += 1) {
      const start = process.hrtime.bigint();
      const hits = (await trip(message(i))) as unknown[];
      times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
      if (hits.length > 0) throw new Error('an ordinary message tripped a decoy');
    }
    let next = 0;
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < count) await trip(message(next++));
      }),
    );
    rates[name].push(count / (Number(process.hrtime.bigint() - start) / 1e9));
  }
}

console.log(`| message path (${values.backend}, 20 live credential decoys, ${ROUNDS} × ${count} messages) | median | p99 | ${CONCURRENCY} at a time |`);
console.log('|---|---:|---:|---:|');
for (const name of Object.keys(paths) as Path[]) {
  const rate = quantile(rates[name], 0.5);
  console.log(`| ${name} | ${quantile(times[name], 0.5).toFixed(4)} ms | ${quantile(times[name], 0.99).toFixed(4)} ms | ${Math.round(rate).toLocaleString('en')} /s |`);
}
await database.close();
await cleanup();
