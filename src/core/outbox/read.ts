// Where notifications stand, for adapters that tell the user when Slack refused something for good.
import type { CoreDeps } from '../context.js';
import { actionOf, type NotificationKind } from './notifications.js';
import { rowsByKey } from './queries.js';

/** One notification's state: delivered, given up (with why), or still pending (with the last error, if any). */
export interface DeliveryState {
  key: string;
  kind: NotificationKind;
  state: 'delivered' | 'failed' | 'pending';
  /** What it does, in words ("announcing it"). */
  action: string;
  error?: string;
  /** What Slack returned for a delivered one (a channel id, a message ts). */
  result?: Record<string, unknown>;
}

/** The states of the notifications with these keys, once the worker has tried everything that was due. */
export async function settledDeliveries(deps: Pick<CoreDeps, 'db' | 'outbox'>, keys: readonly string[]): Promise<DeliveryState[]> {
  if (keys.length === 0) return [];
  await deps.outbox?.idle();
  const rows = await rowsByKey(deps.db, keys);
  return rows.map((r) => ({
    key: r.key,
    kind: r.kind,
    state: r.deliveredAt ? 'delivered' : r.failedAt ? 'failed' : 'pending',
    action: actionOf(r),
    ...(r.lastError ? { error: r.lastError } : {}),
    ...(r.result ? { result: r.result } : {}),
  }));
}
