// Which incidents a transaction changed, noted by the timeline append (every change writes an event there) and read by
// inTransaction before it commits, so Home tabs are refreshed by the same transaction whatever use case made the change.
import type { EventKind } from '../timeline/events.js';

/** One event appended in a transaction, as far as Home tabs care. */
export interface NotedChange {
  incidentId: number;
  seq: number;
  kind: EventKind;
  payload: Record<string, unknown>;
  at: Date;
}

const noted = new WeakMap<object, NotedChange[]>();

/** Notes an appended event in its transaction. */
export function noteChange(tx: object, change: NotedChange): void {
  const list = noted.get(tx);
  if (list) list.push(change);
  else noted.set(tx, [change]);
}

/** The events appended in this transaction so far. */
export function changesIn(tx: object): readonly NotedChange[] {
  return noted.get(tx) ?? [];
}
