// The operator's snapshot: the rows of queries.ts shaped for a reader (the metrics adapter), with ages counted
// against core's clock so a test clock moves them as it moves everything else.
import type { CoreDeps } from '../context.js';
import type { Severity, Status } from '../incidents/incident.js';
import { healthRows } from './queries.js';

/** Pending outbox rows of one kind, and how long the oldest of them has waited. */
export interface PendingNotices {
  kind: string;
  pending: number;
  oldestAgeSeconds: number;
}

/** Open incidents of one severity, status and drill marking. */
export interface OpenIncidents {
  severity: Severity;
  status: Status;
  drill: boolean;
  count: number;
}

/** Slots of one schedule in one state, and the latest slot's time. */
export interface ScheduledSlots {
  schedule: string;
  state: string;
  count: number;
  latestSlotAt: Date;
}

/** Outgoing deliveries of one channel (webhook, pagerduty, email): pending, the oldest's wait, and those given up. */
export interface OutgoingBacklog {
  channel: string;
  pending: number;
  oldestAgeSeconds: number;
  failed: number;
}

/** What the health snapshot returns: read in one query, at the clock's time `at`. */
export interface HealthSnapshot {
  at: Date;
  outbox: PendingNotices[];
  openIncidents: OpenIncidents[];
  slots: ScheduledSlots[];
  outgoing: OutgoingBacklog[];
}

/** The outbox backlog, open incidents and scheduled slots as they are now. Read-only, one query. */
export async function healthSnapshot(deps: Pick<CoreDeps, 'db' | 'clock'>): Promise<HealthSnapshot> {
  const rows = await healthRows(deps.db);
  const at = deps.clock.now();
  const nowSeconds = at.getTime() / 1000;
  const snapshot: HealthSnapshot = { at, outbox: [], openIncidents: [], slots: [], outgoing: [] };
  const channel = (name: string): OutgoingBacklog => {
    let found = snapshot.outgoing.find((o) => o.channel === name);
    if (!found) snapshot.outgoing.push((found = { channel: name, pending: 0, oldestAgeSeconds: 0, failed: 0 }));
    return found;
  };
  for (const r of rows) {
    if (r.part === 'outbox') snapshot.outbox.push({ kind: r.a, pending: r.n, oldestAgeSeconds: Math.max(0, nowSeconds - (r.at ?? nowSeconds)) });
    else if (r.part === 'deliveries') {
      const o = channel(r.a);
      if (r.b === 'failed') o.failed = r.n;
      else Object.assign(o, { pending: r.n, oldestAgeSeconds: Math.max(0, nowSeconds - (r.at ?? nowSeconds)) });
    } else if (r.part === 'incidents') snapshot.openIncidents.push({ severity: r.a as Severity, status: r.b as Status, drill: r.c === 'true', count: r.n });
    else snapshot.slots.push({ schedule: r.a, state: r.b, count: r.n, latestSlotAt: new Date((r.at ?? 0) * 1000) });
  }
  return snapshot;
}
