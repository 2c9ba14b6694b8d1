// What a receiver or a crash cannot do to the outgoing worker: an endless answer is read only as far as the log needs,
// and a delivery whose earlier attempts never finished (the process died during them) is given up, not claimed for ever.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { outgoingDeliveries } from '../../src/db/schema.js';
import { RESPONDER, slackUser } from '../support/core.js';
import { createTestDatabase, emptyTestDatabase, type TestDatabase } from '../support/db.js';
import { post } from '../../src/outgoing/http.js';
import { outgoingSystem } from './support.js';

const lead = slackUser(RESPONDER);
const CLI = { id: 'cli', source: 'cli' as const };
let database: TestDatabase;
let endless: http.Server;
let endlessUrl: string;
let hits = 0;
beforeAll(async () => {
  database = await createTestDatabase();
  // Answers 500 and then writes for as long as anyone reads.
  endless = http.createServer((req, res) => {
    hits++;
    res.writeHead(500, { 'content-type': 'text/plain' });
    const chunk = 'x'.repeat(64 * 1024);
    const write = () => {
      while (res.write(chunk));
      res.once('drain', write);
    };
    write();
    res.on('close', () => res.removeAllListeners('drain'));
  });
  await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
  endlessUrl = `http://127.0.0.1:${(endless.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  endless.closeAllConnections();
  await new Promise((resolve) => endless.close(resolve));
  await database.close();
});
beforeEach(async () => {
  await emptyTestDatabase(database);
  hits = 0;
});

describe('bounds on outgoing deliveries', () => {
  it('reads only the start of an endless answer', async () => {
    const answer = await post({ url: endlessUrl, body: '{}', headers: {} }, { timeoutMs: 5_000, now: () => 0 });
    expect(answer.status).toBe(500);
    expect(answer.body).toHaveLength(500);
  });

  it('gives up a delivery whose earlier attempts never settled, without sending it again', async () => {
    const s = await outgoingSystem(database, 'http://127.0.0.1:9/unused', { maxAttempts: 3 });
    await s.core.webhooks.add(CLI, { url: endlessUrl, events: '*', secret: 'whsec-test-0123456789abcdef' });
    await s.core.declare(lead, { title: 'Laptop stolen', severity: 'sev3', private: false });
    // As if three workers had claimed it and died mid-send: the attempts were counted, nothing was settled.
    await database.db.update(outgoingDeliveries).set({ attempts: sql`3` });
    await s.worker.idle();
    expect(hits).toBe(0);
    const [row] = await database.db.select().from(outgoingDeliveries).where(eq(outgoingDeliveries.channel, 'webhook'));
    expect(row!.failedAt).not.toBeNull();
    expect(row!.lastError).toMatch(/^gave up after 3 attempts that never finished/);
  });
});
