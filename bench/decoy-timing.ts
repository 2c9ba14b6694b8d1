// Decoy timing benchmark: how long a visitor waits for the decoy page for a live, a retired and an unknown token,
// through the real route and core on Postgres (or PGlite). Every live request is a hit that gets recorded (the rate
// limit is set out of the way), the worst case for a live token. Requests go one at a time, interleaved by kind, each
// from its own source address; the times are from sending the request to having the whole body. The client runs in a
// worker thread, as a visitor's would run elsewhere: PGlite works on the server's thread, and a client sharing that
// thread would count the server's recording after the answer as its own wait.
// Run: `npm run bench:decoys` (options: --requests 300 --backend postgres|pglite).
// Target (issue 12): the medians of the three kinds within 0.5 ms of each other.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../src/db/client.js';
import { createLogger } from '../src/log.js';
import { decoyRoute } from '../src/web/decoy-route.js';
import { benchCore, quantile, scratchPglite, scratchPostgres } from './support.js';

// The visitor: 30 warm-up rounds (connections, JIT, the database's caches), then perKind rounds of the three tokens.
const CLIENT = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { base, kinds, perKind } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const get = (url, source) => new Promise((resolve, reject) => {
  http.get(url, { agent, headers: { 'x-forwarded-for': source } }, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject);
});
(async () => {
  for (let i = 0; i < 30; i++) for (const token of Object.values(kinds)) await get(base + token, '198.18.0.' + i);
  const times = { live: [], retired: [], unknown: [] };
  for (let i = 0; i < perKind; i++) {
    for (const [kind, token] of Object.entries(kinds)) {
      const start = process.hrtime.bigint();
      await get(base + token, '198.19.' + Math.floor(i / 250) + '.' + (i % 250));
      times[kind].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  agent.destroy();
  parentPort.postMessage(times);
})();
`;

const { values } = parseArgs({ options: { requests: { type: 'string', default: '300' }, backend: { type: 'string', default: 'postgres' } } });
const perKind = Number(values.requests);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const { target, cleanup } = values.backend === 'postgres' ? await scratchPostgres(serverUrl, 'rampart_decoy_bench') : await scratchPglite('rampart-decoy-bench');
const database = await openDatabase(target);
const core = await benchCore(database);
const operator = { id: 'bench', source: 'cli' } as const;
const live = (await core.decoys.register(operator, { name: 'bench-live' })).decoy.token;
const retired = (await core.decoys.register(operator, { name: 'bench-retired' })).decoy.token;
await core.decoys.retire(operator, 'bench-retired');
const route = decoyRoute({ path: '/d', trustProxy: true, trip: (req) => core.decoys.tripFromRequest(req), triage: (reqs) => core.decoys.worthRecording(reqs), logger: createLogger('silent') });
const server = http.createServer((req, res) => void (route.handle(req, res) || res.writeHead(404).end()));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/d/`;
const kinds = { live, retired, unknown: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } as const;
const times = await new Promise<Record<keyof typeof kinds, number[]>>((resolve, reject) => {
  const worker = new Worker(CLIENT, { eval: true, workerData: { base, kinds, perKind } });
  worker.once('message', resolve);
  worker.once('error', reject);
});
await route.idle();
const recorded = await database.db.execute('select count(*)::int as n from decoy_hits');
console.log(`| token (${values.backend}, ${perKind} requests each) | median | p90 |`);
console.log('|---|---:|---:|');
for (const [kind, list] of Object.entries(times)) console.log(`| ${kind} | ${quantile(list, 0.5).toFixed(2)} ms | ${quantile(list, 0.9).toFixed(2)} ms |`);
console.log(`\nhits recorded: ${(recorded as unknown as { rows: { n: number }[] }).rows[0]!.n} (expected ${perKind + 30})`);
const medians = Object.values(times).map((l) => quantile(l, 0.5));
console.log(`largest difference between medians: ${(Math.max(...medians) - Math.min(...medians)).toFixed(2)} ms (target < 0.5 ms)`);
server.close();
await database.close();
await cleanup();
