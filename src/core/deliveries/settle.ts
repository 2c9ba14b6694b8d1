// Settling an attempt of an outgoing delivery: the row and its delivery-log line, and, when a page is given up, the
// incident's timeline event saying so (responders must know the on-call may not have been paged), in one transaction.
import { inTransaction, type CoreDeps } from '../context.js';
import { findById } from '../incidents/queries.js';
import { appendEvent } from '../timeline/queries.js';
import type { DeliveryOutcome, DeliveryRow } from './delivery.js';
import { settleHeldDelivery } from './queries.js';

/** Records the outcome; false when the lease was lost to another worker (nothing written). */
export async function settleDelivery(deps: Pick<CoreDeps, 'db' | 'clock' | 'redactPatterns'>, row: DeliveryRow, worker: string, outcome: DeliveryOutcome): Promise<boolean> {
  const now = deps.clock.now();
  const pageFailed = outcome.kind === 'failed' && row.channel === 'pagerduty' && row.incidentId !== null;
  return inTransaction({ db: deps.db, redactPatterns: deps.redactPatterns }, async (tx) => {
    // The incident's row lock first, as every timeline append takes it (see appendEvent); only when one is appended.
    if (pageFailed) await findById(tx, row.incidentId!, { forUpdate: true });
    const settled = await settleHeldDelivery(tx, { row, worker, now, outcome });
    if (settled && pageFailed && outcome.kind === 'failed') {
      await appendEvent(tx, row.incidentId!, { kind: 'page_failed', actor: 'rampart', source: 'system', payload: { action: row.event, error: outcome.error } }, now);
    }
    return settled;
  });
}
