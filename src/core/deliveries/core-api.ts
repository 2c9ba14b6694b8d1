// Outgoing deliveries and webhooks as createCore offers them: admins manage hooks and read the delivery log; the
// worker (src/outgoing, a trusted adapter) claims, looks up and settles deliveries.
import type { Actor, CoreDeps } from '../context.js';
import { authorize } from '../access/authorize.js';
import { addWebhook, listWebhooks, removeWebhook, type WebhookInput } from '../webhooks/manage.js';
import { hookTarget } from '../webhooks/queries.js';
import type { DeliveryOutcome, DeliveryRow } from './delivery.js';
import { claimDeliveries, countDueDeliveries, deliveryLog, nextDeliveryDueAt } from './queries.js';
import { settleDelivery } from './settle.js';

/** Binds webhooks to core's dependencies. */
export function webhooksApi(deps: CoreDeps) {
  return {
    /** Registers a hook (admins; the CLI): the secret is returned here only. */
    add: (actor: Actor, input: WebhookInput) => addWebhook(deps, actor, input),
    /** Every hook, removed ones included, without secrets (admins). */
    list: (actor: Actor) => listWebhooks(deps, actor),
    /** Removes a hook: nothing more is sent to it (admins). */
    remove: (actor: Actor, id: number) => removeWebhook(deps, actor, id),
  };
}

/** Binds the outgoing outbox to core's dependencies. */
export function deliveriesApi(deps: CoreDeps) {
  return {
    /** Whether paging is on (PAGERDUTY_ROUTING_KEY set), and its severities. */
    paging: deps.paging,
    /** The delivery log, newest first (admins): each delivery's state and its last attempt. */
    log: async (actor: Actor, opts: { failed?: boolean; limit?: number } = {}) => {
      await authorize(deps, actor, 'webhook.manage');
      return deliveryLog(deps.db, { ...(opts.failed ? { failed: true } : {}), limit: opts.limit ?? 50 });
    },
    /** Leases due lane heads to a worker (the worker's call). */
    claim: (p: { worker: string; leaseMs: number; limit: number }) => claimDeliveries(deps.db, { ...p, now: deps.clock.now() }),
    /** Records an attempt's outcome; false when the lease was lost (the worker's call). */
    settle: (row: DeliveryRow, worker: string, outcome: DeliveryOutcome) => settleDelivery(deps, row, worker, outcome),
    /** How many deliveries are due now. */
    countDue: () => countDueDeliveries(deps.db, deps.clock.now()),
    /** When the next pending delivery falls due (undefined: none pending). */
    nextDueAt: () => nextDeliveryDueAt(deps.db, deps.clock.now()),
    /** Where a webhook delivery goes and the secret it is signed with (the worker's call; never shown to a person). */
    hookTarget: (id: number) => hookTarget(deps.db, id),
  };
}

/** The deliveries API the worker uses. */
export type DeliveriesApi = ReturnType<typeof deliveriesApi>;
