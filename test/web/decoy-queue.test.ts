// The decoy answer goes out before anything is looked up or stored; the hit is recorded afterwards by the queue's
// worker, and waiting for the route (as stop() does) waits for every answered request to be recorded. A gate holds
// the recording, so the order is shown without timing.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createLogger } from '../../src/log.js';
import { decoyRoute, type DecoyRoute } from '../../src/web/decoy-route.js';
import { DecoyHitQueue } from '../../src/web/decoy-queue.js';
import type { DecoyRequest } from '../../src/core/decoys/sightings.js';
import { DECOY_PAGE } from '../../src/web/decoy-page.js';
import { ADMIN, slackUser, testCore } from '../support/core.js';

let env: Awaited<ReturnType<typeof testCore>>;
let server: http.Server;
let route: DecoyRoute;
let url: string;
/** While set, recording waits for it: the database write is held back. */
let gate: Promise<void> | undefined;
/** The size of each batch the route sorted. */
const triaged: number[] = [];
const admin = slackUser(ADMIN);

beforeAll(async () => {
  env = await testCore();
  route = decoyRoute({
    path: '/d',
    trustProxy: false,
    trip: async (req) => {
      await gate;
      return env.core.decoys.tripFromRequest(req);
    },
    triage: (reqs) => {
      triaged.push(reqs.length);
      return env.core.decoys.worthRecording(reqs);
    },
    logger: createLogger('silent'),
  });
  server = http.createServer((req, res) => void (route.handle(req, res) || res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await env.close();
});

async function hitCount(): Promise<number> {
  const r = await env.database.db.execute(sql.raw('select count(*)::int as n from decoy_hits'));
  return Number((r as unknown as { rows: { n: number }[] }).rows[0]!.n);
}

function held(): () => void {
  let release!: () => void;
  gate = new Promise<void>((resolve) => (release = resolve));
  return () => {
    gate = undefined;
    release();
  };
}

describe('the decoy answer comes first', () => {
  it('sends a live token’s page while its hit is still held back, then stores the hit', async () => {
    const { decoy } = await env.core.decoys.register(admin, { name: 'gated' });
    const before = await hitCount();
    const release = held();
    const res = await fetch(`${url}/d/${decoy.token}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(DECOY_PAGE.toString());
    // The whole answer arrived and nothing is stored yet: the write waits behind the gate.
    expect(await hitCount()).toBe(before);
    let drained = false;
    const idle = route.idle().then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    release();
    await idle;
    expect(await hitCount()).toBe(before + 1);
  });

  it('waits, as stop() does, for every answered request to be recorded', async () => {
    const { decoy } = await env.core.decoys.register(admin, { name: 'at-shutdown' });
    const before = await hitCount();
    const release = held();
    for (let i = 0; i < 3; i++) await (await fetch(`${url}/d/${decoy.token}`, { headers: { 'user-agent': `visitor-${i}` } })).text();
    await fetch(`${url}/d/unknown-token`).then((r) => r.text());
    const idle = route.idle();
    release();
    await idle;
    expect(await hitCount()).toBe(before + 3);
  });
});

describe('sorting a batch before recording', () => {
  it('keeps live tokens and requests that present a live decoy credential in any header, in order, and sets junk aside', async () => {
    const { decoy } = await env.core.decoys.register(admin, { name: 'triaged' });
    const { decoy: old } = await env.core.decoys.register(admin, { name: 'triaged-old' });
    await env.core.decoys.retire(admin, 'triaged-old');
    const { credential } = await env.core.decoys.register(admin, { name: 'triaged-key', kind: 'credential' });
    const req = (token: string, headers: Record<string, string> = {}): DecoyRequest => ({ token, method: 'GET', source: '192.0.2.9', headers });
    const batch = [
      req('junk-1'),
      req(decoy.token),
      req(old.token),
      req('x'.repeat(5000)),
      // Credentials that are no decoy's: nothing to record.
      req('junk-2', { authorization: 'Basic YWJjOmRlZg==' }),
      req(''),
      // A live decoy credential, in a header no list of token headers would name, and as Basic credentials.
      req('junk-3', { 'x-vault-token': credential! }),
      req('junk-4', { authorization: `Basic ${Buffer.from(`svc:${credential!}`).toString('base64')}` }),
    ];
    expect(await env.core.decoys.worthRecording(batch)).toEqual([batch[1], batch[6], batch[7]]);
  });
});

describe('a flood of junk', () => {
  it('is set aside a batch at a time, and the live hit sent after it is recorded', async () => {
    const { decoy } = await env.core.decoys.register(admin, { name: 'flooded' });
    const before = await hitCount();
    const release = held();
    // The first hit holds the worker, so the flood and the second hit queue up behind it.
    await (await fetch(`${url}/d/${decoy.token}`)).text();
    for (let n = 0; n < 250; n++) await (await fetch(`${url}/d/not-a-real-token-${n}`)).text();
    await (await fetch(`${url}/d/${decoy.token}`)).text();
    triaged.length = 0;
    release();
    await route.idle();
    // 251 queued requests, sorted with one query per 100.
    expect(triaged).toEqual([100, 100, 51]);
    expect(await hitCount()).toBe(before + 2);
  });
});

describe('DecoyHitQueue', () => {
  const req = (token: string): DecoyRequest => ({ token, method: 'GET', source: '192.0.2.1', headers: {} });

  it('keeps the first requests when full, answers the rest unrecorded, and logs how many were dropped', async () => {
    const lines: string[] = [];
    const logger = createLogger('error', { write: (line: string) => void lines.push(line) } as never);
    const recorded: string[] = [];
    let release!: () => void;
    const gateOpen = new Promise<void>((resolve) => (release = resolve));
    const queue = new DecoyHitQueue(
      async (batch) => {
        await gateOpen;
        recorded.push(...batch.map((r) => r.token));
      },
      logger,
      2,
    );
    // The worker takes the first at once (on the next turn); two more fill the queue; the fourth finds it full.
    expect(queue.push(req('a'))).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect([queue.push(req('b')), queue.push(req('c')), queue.push(req('d'))]).toEqual([true, true, false]);
    release();
    await queue.idle();
    expect(recorded).toEqual(['a', 'b', 'c']);
    expect(lines.join('')).toMatch(/"dropped":1.*decoy queue was full/);
  });
});
