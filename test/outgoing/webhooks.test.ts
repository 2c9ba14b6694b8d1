// Webhook deliveries through the real worker to a real receiver on 127.0.0.1: signed as docs/webhooks.md says (checked
// with the documented verification code), the same delivery id on every attempt, retried, and given up when removed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RESPONDER, slackUser } from '../support/core.js';
import { createTestDatabase, emptyTestDatabase, type TestDatabase } from '../support/db.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { post } from '../../src/outgoing/http.js';
import { webhookSender } from '../../src/outgoing/senders.js';
import { documentedVerify, outgoingSystem } from './support.js';

const lead = slackUser(RESPONDER);
const CLI = { id: 'cli', source: 'cli' as const };
const SECRET = 'whsec-test-0123456789abcdef';
let database: TestDatabase;
let receiver: WebhookReceiver;
beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  await database.close();
});
beforeEach(async () => {
  await emptyTestDatabase(database);
  receiver.received.length = 0;
});

describe('webhook deliveries', () => {
  it('POSTs each subscribed event as signed JSON that the documented check accepts, and refuses tampering and replays', async () => {
    const s = await outgoingSystem(database, 'http://127.0.0.1:9/unused');
    const verify = await documentedVerify();
    await s.core.webhooks.add(CLI, { url: receiver.url, events: '*', secret: SECRET });
    await s.core.declare(lead, { title: 'Website defaced', severity: 'sev2', private: false });
    await s.core.changeStatus(lead, 'INC-1', 'investigating');
    await s.worker.idle();
    expect(receiver.received).toHaveLength(2);
    const [declared, changed] = receiver.received;
    expect(declared!.path).toBe('/hooks/rampart');
    expect(declared!.headers).toMatchObject({ 'content-type': 'application/json', 'rampart-event': 'incident.declared', 'rampart-delivery': expect.stringMatching(/^dlv_\d+$/) });
    const now = s.clock.now().getTime();
    const event = verify(declared!.body, declared!.headers['rampart-signature'] as string, SECRET, { now });
    expect(event).toMatchObject({ type: 'incident.declared', incident: { ref: 'INC-1', title: 'Website defaced', severity: 'sev2', status: 'triage' } });
    expect(verify(changed!.body, changed!.headers['rampart-signature'] as string, SECRET, { now })).toMatchObject({ type: 'incident.status_changed', change: { from: 'triage', to: 'investigating' } });
    expect(() => verify(declared!.body.replace('Website', 'Webshite'), declared!.headers['rampart-signature'] as string, SECRET, { now })).toThrow(/does not match/);
    expect(() => verify(declared!.body, declared!.headers['rampart-signature'] as string, 'another-secret-0123456789', { now })).toThrow(/does not match/);
    expect(() => verify(declared!.body, declared!.headers['rampart-signature'] as string, SECRET, { now: now + 600_000 })).toThrow(/too old/);
  });

  it('retries a failing receiver with the same body and delivery id, signing each attempt afresh', async () => {
    const s = await outgoingSystem(database, 'http://127.0.0.1:9/unused');
    const verify = await documentedVerify();
    await s.core.webhooks.add(CLI, { url: receiver.url, events: 'incident.declared', secret: SECRET });
    receiver.failNext({ status: 503 }, { status: 429, retryAfter: '30' });
    await s.core.declare(lead, { title: 'Website defaced', severity: 'sev2', private: false });
    await s.worker.drain();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.headers['rampart-delivery'])).size).toBe(1);
    const stamps = receiver.received.map((r) => String(r.headers['rampart-signature']).split(',')[0]);
    expect(new Set(stamps).size).toBe(3);
    const last = receiver.received.at(-1)!;
    expect(verify(last.body, last.headers['rampart-signature'] as string, SECRET, { now: s.clock.now().getTime() })).toMatchObject({ type: 'incident.declared' });
    expect((await s.core.deliveries.log(CLI)).map((l) => [l.state, l.attempts, l.lastStatus])).toEqual([['delivered', 3, 200]]);
  });

  it('delivers twice with the same Rampart-Delivery id when a worker dies before settling: receivers dedupe on it', async () => {
    const s = await outgoingSystem(database, 'http://127.0.0.1:9/unused');
    await s.core.webhooks.add(CLI, { url: receiver.url, events: '*', secret: SECRET });
    await s.core.declare(lead, { title: 'Website defaced', severity: 'sev2', private: false });
    const [row] = await s.core.deliveries.claim({ worker: 'crashed', leaseMs: 60_000, limit: 10 });
    await post(await webhookSender(s.core.deliveries)(row!, s.clock.now()), { timeoutMs: 5_000, now: () => 0 });
    s.clock.advance(60_001);
    await s.worker.idle();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers['rampart-delivery']).toBe(receiver.received[0]!.headers['rampart-delivery']);
    expect(JSON.parse(receiver.received[1]!.body).id).toBe(JSON.parse(receiver.received[0]!.body).id);
  });

  it('retries when nothing answers, and gives up what was waiting for a hook once it is removed', async () => {
    const s = await outgoingSystem(database, 'http://127.0.0.1:9/unused');
    const closed = await startWebhookReceiver();
    await closed.close();
    const { webhook } = await s.core.webhooks.add(CLI, { url: closed.url, events: '*', secret: SECRET });
    await s.core.declare(lead, { title: 'Website defaced', severity: 'sev2', private: false });
    await s.worker.idle();
    const [pending] = await s.core.deliveries.log(CLI);
    expect(pending).toMatchObject({ state: 'pending', attempts: 1, lastStatus: null, lastError: 'ECONNREFUSED' });
    await s.core.webhooks.remove(CLI, webhook.id);
    await s.worker.drain();
    const [failed] = await s.core.deliveries.log(CLI, { failed: true });
    expect(failed).toMatchObject({ state: 'failed', attempts: 2, lastError: `webhook ${webhook.id} was removed` });
  });
});
