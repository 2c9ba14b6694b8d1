// How many of an incident's events carry which marking of their own, so an output can say what it withheld before
// it streams the events themselves.
import { and, eq, sql } from 'drizzle-orm';
import { incidents, timelineEvents } from '../../db/schema.js';
import type { DbOrTx } from '../../db/types.js';

/** Events of an incident by their own marking (`payload.tlp`; null for events that carry none). */
export async function eventCountsByOwnTlp(db: DbOrTx, incidentId: number): Promise<{ tlp: string | null; count: number }[]> {
  const t = timelineEvents;
  const own = sql<string | null>`${t.payload}->>'tlp'`;
  const rows = await db
    .select({ tlp: own, count: sql<number>`count(*)::int` })
    .from(t)
    .where(and(eq(t.incidentId, incidentId)))
    .groupBy(own);
  return rows.map((r) => ({ tlp: r.tlp, count: Number(r.count) }));
}

/** The visibility and set marking of every incident declared since `since` (all when null), for counting by marking. */
export async function incidentMarkingsSince(db: DbOrTx, since: Date | null): Promise<{ private: boolean; tlp: string | null }[]> {
  return db
    .select({ private: incidents.private, tlp: incidents.tlp })
    .from(incidents)
    .where(since ? sql`${incidents.declaredAt} >= ${since.toISOString()}::timestamptz` : undefined);
}
