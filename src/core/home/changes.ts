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

const knownPeople = new WeakMap<object, Map<number, readonly string[]>>();

/**
 * Tells the Home refresh who an incident's people are at the end of this transaction, when the caller knows for sure
 * (an incident created in it: its reporter, nothing else yet), so the refresh need not read them back.
 */
export function knowPeople(tx: object, incidentId: number, people: readonly string[]): void {
  const map = knownPeople.get(tx) ?? new Map<number, readonly string[]>();
  map.set(incidentId, people);
  knownPeople.set(tx, map);
}

/** The people knowPeople was told of for this incident in this transaction, or undefined. */
export function peopleKnown(tx: object, incidentId: number): readonly string[] | undefined {
  return knownPeople.get(tx)?.get(incidentId);
}
