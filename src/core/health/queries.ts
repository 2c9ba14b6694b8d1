// The figures an operator watches (issue 18): pending outbox rows, open incidents, scheduled slots and outgoing
// deliveries, read in one round trip (a UNION ALL of small aggregates) so a Prometheus scrape every 15 s costs the database little.
// Each part reads an index or a small table: pending outbox rows through slack_outbox_pending_idx's predicate, open
// incidents through incidents_status_idx, slots from awareness_slots (one row per slot, a few a week).
import { and, inArray, isNull, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { awarenessSlots, incidents, outgoingDeliveries, slackOutbox } from '../../db/schema.js';
import type { DbOrTx } from '../../db/types.js';
import { OPEN_STATUSES } from '../incidents/incident.js';

/** One aggregate row: which part it belongs to, up to three labels, a count and a time (epoch seconds) or null. */
export interface HealthRow {
  part: 'outbox' | 'incidents' | 'slots' | 'deliveries';
  a: string;
  b: string;
  c: string;
  n: number;
  /** outbox: the oldest pending row's created_at; slots: the latest slot's time; incidents: null. */
  at: number | null;
}

const none = sql<string>`''`;
const count = sql<number>`count(*)::int`;

/** Pending outbox rows by kind, open incidents by severity, status and drill, and slots by schedule and state. */
export async function healthRows(db: DbOrTx): Promise<HealthRow[]> {
  const outbox = db
    .select({ part: sql<HealthRow['part']>`'outbox'`, a: slackOutbox.kind, b: none, c: none, n: count, at: sql<number | null>`extract(epoch from min(${slackOutbox.createdAt}))::float8` })
    .from(slackOutbox)
    .where(and(isNull(slackOutbox.deliveredAt), isNull(slackOutbox.failedAt)))
    .groupBy(slackOutbox.kind);
  const open = db
    .select({ part: sql<HealthRow['part']>`'incidents'`, a: incidents.severity, b: incidents.status, c: sql<string>`${incidents.drill}::text`, n: count, at: sql<number | null>`null::float8` })
    .from(incidents)
    .where(inArray(incidents.status, [...OPEN_STATUSES]))
    .groupBy(incidents.severity, incidents.status, incidents.drill);
  const slots = db
    .select({ part: sql<HealthRow['part']>`'slots'`, a: awarenessSlots.schedule, b: awarenessSlots.state, c: none, n: count, at: sql<number | null>`extract(epoch from max(${awarenessSlots.slotAt}))::float8` })
    .from(awarenessSlots)
    .groupBy(awarenessSlots.schedule, awarenessSlots.state);
  // Outgoing deliveries (webhooks, pages, email) by channel: pending ones (b = 'pending', through
  // outgoing_deliveries_pending_idx's predicate) with the oldest's time, and those given up (b = 'failed'; a small table).
  const state = sql<string>`case when ${outgoingDeliveries.failedAt} is null then 'pending' else 'failed' end`;
  const deliveries = db
    .select({
      part: sql<HealthRow['part']>`'deliveries'`,
      a: outgoingDeliveries.channel,
      b: state,
      c: none,
      n: count,
      at: sql<number | null>`extract(epoch from min(${outgoingDeliveries.createdAt}))::float8`,
    })
    .from(outgoingDeliveries)
    .where(isNull(outgoingDeliveries.deliveredAt))
    .groupBy(outgoingDeliveries.channel, state);
  const rows = await unionAll(outbox, open, slots, deliveries);
  // Drivers differ on float8 and int parsing across versions; numbers are made numbers here once.
  return rows.map((r) => ({ ...r, b: String(r.b), n: Number(r.n), at: r.at === null ? null : Number(r.at) }));
}
