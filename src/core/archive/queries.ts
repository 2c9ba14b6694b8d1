// The archive's queries: which closed incidents are due, and whether a closure was kept open.
import { and, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import { incidents, slackOutbox, timelineEvents } from '../../db/schema.js';
import type { DbOrTx } from '../../db/types.js';
import { toIncident } from '../incidents/queries.js';
import type { Incident } from '../incidents/incident.js';

/**
 * Closed incidents with a channel, closed at or before cutoff, whose closure has neither an archive row in the outbox
 * (its key names the closure's time in ms) nor a channel_kept_open event since it closed. Oldest first, at most limit.
 */
export async function dueForArchive(db: DbOrTx, p: { cutoff: Date; limit: number }): Promise<Incident[]> {
  const rows = await db
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.status, 'closed'),
        isNotNull(incidents.channelId),
        lte(incidents.closedAt, p.cutoff),
        sql`not exists (select 1 from ${slackOutbox} o where o.key = 'incident:' || ${incidents.id} || ':archive:' || round(extract(epoch from ${incidents.closedAt}) * 1000)::bigint)`,
        sql`not exists (select 1 from ${timelineEvents} e where e.incident_id = ${incidents.id} and e.kind = 'channel_kept_open' and e.occurred_at >= ${incidents.closedAt})`,
      ),
    )
    .orderBy(incidents.closedAt)
    .limit(p.limit);
  return rows.map(toIncident);
}

/** Whether someone kept the channel open since the incident closed at closedAt. */
export async function keptOpenSince(db: DbOrTx, incidentId: number, closedAt: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: timelineEvents.id })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.incidentId, incidentId), eq(timelineEvents.kind, 'channel_kept_open'), gte(timelineEvents.occurredAt, closedAt)))
    .limit(1);
  return row !== undefined;
}
