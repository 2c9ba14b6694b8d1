// What the outgoing worker's tests share: a core with paging over the file's database, a worker on the same fixed
// clock whose waits move that clock (no real sleeps), and the documented receiver-side signature check.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLogger } from '../../src/log.js';
import { pagerDutySender, webhookSender } from '../../src/outgoing/senders.js';
import { OutgoingWorker, type OutgoingTuning } from '../../src/outgoing/worker.js';
import { testCore } from '../support/core.js';
import type { TestDatabase } from '../support/db.js';

/** A 32-character Events API v2 integration key (made up). */
export const ROUTING_KEY = 'R0123456789abcdef0123456789ABCDE';

/** A core with sev1 paging and a worker sending to eventsUrl, both on one fixed clock. */
export async function outgoingSystem(database: TestDatabase, eventsUrl: string, tuning: Partial<OutgoingTuning> = {}, workerId = 'w1') {
  const t = await testCore({ database, reviewRequired: [], paging: { severities: ['sev1'], source: 'rampart-test' } });
  const worker = (id: string) =>
    new OutgoingWorker({
      deliveries: t.core.deliveries,
      clock: t.clock,
      logger: createLogger('silent'),
      // Waits move the fake clock: a backoff of an hour takes no time.
      sleep: async (ms) => t.clock.advance(ms),
      random: () => 0.5,
      senders: { webhook: webhookSender(t.core.deliveries), pagerduty: pagerDutySender({ routingKey: ROUTING_KEY, eventsUrl }) },
      workerId: id,
      tuning,
    });
  return { ...t, worker: worker(workerId), makeWorker: worker };
}

type Verify = (rawBody: string, header: string | undefined, secret: string, opts?: { toleranceSeconds?: number; now?: number }) => Record<string, unknown>;

/** docs/examples/verify-webhook.mjs, the check docs/webhooks.md gives receivers. */
export async function documentedVerify(): Promise<Verify> {
  const file = pathToFileURL(path.join(import.meta.dirname, '..', '..', 'docs', 'examples', 'verify-webhook.mjs')).href;
  return ((await import(file)) as { verifyRampartWebhook: Verify }).verifyRampartWebhook;
}
