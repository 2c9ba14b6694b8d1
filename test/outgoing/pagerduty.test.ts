// Paging through the real worker against a local Events API v2 that checks every request against PagerDuty's published
// contract (test/support/pagerduty-events-server.ts): what arrives, in order, retried as the contract says, and logged.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { deliveryAttempts } from '../../src/db/schema.js';
import { RESPONDER, slackUser } from '../support/core.js';
import { createTestDatabase, emptyTestDatabase, type TestDatabase } from '../support/db.js';
import { startPagerDutyEventsServer, type PagerDutyEventsServer } from '../support/pagerduty-events-server.js';
import { outgoingSystem, ROUTING_KEY } from './support.js';
import { pagerDutySender } from '../../src/outgoing/senders.js';
import { post } from '../../src/outgoing/http.js';

const lead = slackUser(RESPONDER);
const CLI = { id: 'cli', source: 'cli' as const };
let database: TestDatabase;
let pd: PagerDutyEventsServer;
beforeAll(async () => {
  database = await createTestDatabase();
  pd = await startPagerDutyEventsServer();
});
afterAll(async () => {
  await pd.close();
  await database.close();
});
beforeEach(async () => {
  await emptyTestDatabase(database);
  pd.accepted.length = 0;
  pd.invalid.length = 0;
});

const attempts = () => database.db.select().from(deliveryAttempts).orderBy(asc(deliveryAttempts.id));

describe('paging through PagerDuty', () => {
  it('triggers, acknowledges and resolves the alert of a sev1, each request valid under the Events API v2 contract', async () => {
    const s = await outgoingSystem(database, pd.url);
    const { incident } = await s.core.declare(lead, { title: 'Ransom note on the file server', severity: 'sev1', private: false });
    await s.worker.idle();
    await s.core.changeStatus(lead, 'INC-1', 'investigating');
    await s.core.changeStatus(lead, 'INC-1', 'resolved');
    await s.worker.idle();
    expect(pd.invalid).toEqual([]);
    expect(pd.accepted.map((e) => [e.event_action, e.dedup_key, e.routing_key])).toEqual([
      ['trigger', `rampart-test:incident:${incident.id}`, ROUTING_KEY],
      ['acknowledge', `rampart-test:incident:${incident.id}`, ROUTING_KEY],
      ['resolve', `rampart-test:incident:${incident.id}`, ROUTING_KEY],
    ]);
    expect(pd.accepted[0]!.payload).toMatchObject({ summary: 'INC-1 SEV1 (triage): Ransom note on the file server', severity: 'critical', source: 'rampart-test' });
    const log = await s.core.deliveries.log(CLI);
    expect(log.map((l) => [l.event, l.state, l.lastStatus, l.ref])).toEqual([
      ['resolve', 'delivered', 202, 'INC-1'],
      ['acknowledge', 'delivered', 202, 'INC-1'],
      ['trigger', 'delivered', 202, 'INC-1'],
    ]);
  });

  it('retries a 500 after a jittered backoff and a 429 after its Retry-After, keeping the resolve behind the trigger', async () => {
    const s = await outgoingSystem(database, pd.url);
    pd.failNext({ status: 500 }, { status: 429, retryAfter: '120' });
    await s.core.declare(lead, { title: 'Ransom note', severity: 'sev1', private: false });
    await s.core.changeStatus(lead, 'INC-1', 'resolved');
    const start = s.clock.now().getTime();
    await s.worker.drain();
    expect(pd.accepted.map((e) => e.event_action)).toEqual(['trigger', 'resolve']);
    const log = await attempts();
    expect(log.map((a) => [a.attempt, a.httpStatus])).toEqual([
      [1, 500],
      [2, 429],
      [3, 202],
      [1, 202],
    ]);
    // 5 s base, equal jitter at 0.5: 3.75 s; then exactly the 120 s PagerDuty asked for.
    expect(log.map((a) => a.at.getTime() - start)).toEqual([0, 3_750, 123_750, 123_750]);
    expect(log[0]!.error).toContain('HTTP 500');
  });

  it('gives up at once on a 400 (the contract says not to retry), and after maxAttempts on repeated 5xx, saying so on the timeline', async () => {
    const s = await outgoingSystem(database, pd.url, { maxAttempts: 3 });
    pd.failNext({ status: 400 });
    await s.core.declare(lead, { title: 'Ransom note', severity: 'sev1', private: false });
    await s.worker.drain();
    pd.failNext({ status: 502 }, { status: 503 }, { status: 500 });
    await s.core.declare(lead, { title: 'Second ransom note', severity: 'sev1', private: false });
    await s.worker.drain();
    expect(pd.accepted).toEqual([]);
    const log = await s.core.deliveries.log(CLI, { failed: true });
    expect(log.map((l) => [l.ref, l.attempts, l.lastStatus])).toEqual([
      ['INC-2', 3, 500],
      ['INC-1', 1, 400],
    ]);
    expect(log[0]!.lastError).toMatch(/^gave up after 3 attempts: HTTP 500/);
    // Responders see on the incident's timeline that the on-call may not have been paged.
    const { events } = await s.core.timeline(CLI, 'INC-2');
    expect(events.at(-1)).toMatchObject({ kind: 'page_failed', actor: 'rampart', payload: { action: 'trigger', error: expect.stringMatching(/^gave up after 3 attempts: HTTP 500/) } });
    expect((await s.core.timeline(CLI, 'INC-1')).events.at(-1)).toMatchObject({ kind: 'page_failed', payload: { action: 'trigger', error: expect.stringContaining('HTTP 400') } });
  });

  it('sends the same dedup_key again after a lost answer, so PagerDuty keeps one alert', async () => {
    const s = await outgoingSystem(database, pd.url);
    await s.core.declare(lead, { title: 'Ransom note', severity: 'sev1', private: false });
    // Worker A claims and sends, then dies before settling (its answer is lost with it).
    const crashed = s.makeWorker('crashed');
    const [row] = await s.core.deliveries.claim({ worker: 'crashed', leaseMs: 60_000, limit: 10 });
    await post(await pagerDutySender({ routingKey: ROUTING_KEY, eventsUrl: pd.url })(row!, s.clock.now()), { timeoutMs: 5_000, now: () => 0 });
    // Nothing is sent again while the lease holds; once it runs out, another worker takes the row over.
    await s.worker.idle();
    expect(pd.accepted).toHaveLength(1);
    s.clock.advance(60_001);
    await s.worker.idle();
    expect(pd.accepted.map((e) => e.dedup_key)).toEqual([pd.accepted[0]!.dedup_key, pd.accepted[0]!.dedup_key]);
    // The crashed worker's late settle is refused: the taker's attempt is the one logged.
    expect(await s.core.deliveries.settle(row!, crashed.id, { kind: 'delivered', httpStatus: 202, durationMs: 1 })).toBe(false);
    expect((await attempts()).map((a) => [a.attempt, a.worker])).toEqual([[2, 'w1']]);
  });
});
