// Reads for reports, shaped (db, params). Events are read in pages by keyset (occurred_at, seq), so a report or an
// export holds one page at a time however long the timeline is.
import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { awarenessAcks, awarenessPosts, awarenessTips, incidents, timelineEvents } from '../../db/schema.js';
import type { DbOrTx } from '../../db/types.js';
import type { Status } from '../incidents/incident.js';
import type { TimelineEvent } from '../timeline/events.js';
import { eventPages } from '../timeline/pages.js';
import type { TipFromIncident } from './report.js';

/** Events per page: large enough to keep round trips few, small enough to keep memory flat. */
export const EVENT_PAGE = 1_000;

/** An incident's events in occurred_at order (ties by seq), one page at a time. */
export async function* eventsInOrder(db: DbOrTx, incidentId: number, pageSize = EVENT_PAGE): AsyncGenerator<TimelineEvent> {
  for await (const rows of eventPages(db, incidentId, pageSize)) yield* rows;
}

/** The incident's status changes, in the order they happened. */
export async function statusChanges(db: DbOrTx, incidentId: number): Promise<{ to: Status; at: Date }[]> {
  const t = timelineEvents;
  const rows = await db
    .select({ to: sql<string>`${t.payload}->>'to'`, at: t.occurredAt })
    .from(t)
    .where(and(eq(t.incidentId, incidentId), eq(t.kind, 'status_changed')))
    .orderBy(asc(t.occurredAt), asc(t.seq));
  return rows.map((r) => ({ to: r.to as Status, at: r.at }));
}

/** How many events each actor recorded on the incident, and the total. */
export async function actorCounts(db: DbOrTx, incidentId: number): Promise<Map<string, number>> {
  const t = timelineEvents;
  const rows = await db.select({ actor: t.actor, n: count() }).from(t).where(eq(t.incidentId, incidentId)).groupBy(t.actor).orderBy(asc(t.actor));
  return new Map(rows.map((r) => [r.actor, Number(r.n)]));
}

/** Awareness tips made from the incident's lessons, each with the posts that carried it and their acknowledgements. */
export async function tipsFromIncident(db: DbOrTx, incidentId: number): Promise<TipFromIncident[]> {
  const tips = await db.select().from(awarenessTips).where(eq(awarenessTips.incidentId, incidentId)).orderBy(asc(awarenessTips.createdAt));
  if (tips.length === 0) return [];
  const p = awarenessPosts;
  const posts = await db
    .select({ tipId: p.tipId, channelId: p.channelId, postedAt: p.postedAt, audience: p.audience, acks: sql<number>`count(${awarenessAcks.userId})` })
    .from(p)
    .leftJoin(awarenessAcks, and(eq(awarenessAcks.channelId, p.channelId), eq(awarenessAcks.ts, p.ts)))
    .where(inArray(p.tipId, tips.map((t) => t.id)))
    .groupBy(p.tipId, p.channelId, p.ts, p.postedAt, p.audience)
    .orderBy(asc(p.postedAt));
  return tips.map((t) => ({
    id: t.id,
    title: t.title,
    createdBy: t.createdBy,
    createdAt: t.createdAt,
    posts: posts.filter((x) => x.tipId === t.id).map((x) => ({ channelId: x.channelId, postedAt: x.postedAt, acks: Number(x.acks), audience: x.audience })),
  }));
}

/** Incident ids declared at or after `since` (all when null), by number, one page at a time. */
export async function* incidentIdsSince(db: DbOrTx, since: Date | null, pageSize = 500): AsyncGenerator<number> {
  let afterNumber = 0;
  for (;;) {
    const rows = await db
      .select({ id: incidents.id, number: incidents.number })
      .from(incidents)
      .where(and(gt(incidents.number, afterNumber), since ? sql`${incidents.declaredAt} >= ${since.toISOString()}::timestamptz` : undefined))
      .orderBy(asc(incidents.number))
      .limit(pageSize);
    for (const r of rows) yield r.id;
    if (rows.length < pageSize) return;
    afterNumber = rows.at(-1)!.number;
  }
}

/** How many incidents and events an export from `since` covers (for the progress bar). */
export async function exportSize(db: DbOrTx, since: Date | null): Promise<{ incidents: number; events: number }> {
  const where = since ? sql`${incidents.declaredAt} >= ${since.toISOString()}::timestamptz` : undefined;
  const [i] = await db.select({ n: count() }).from(incidents).where(where);
  const [e] = await db
    .select({ n: count() })
    .from(timelineEvents)
    .innerJoin(incidents, eq(incidents.id, timelineEvents.incidentId))
    .where(where);
  return { incidents: Number(i?.n ?? 0), events: Number(e?.n ?? 0) };
}

/** User ids that events name besides their actor: whom a role or a step was given to (and who held the role before). */
export async function assignedUserIds(db: DbOrTx, incidentId: number): Promise<string[]> {
  const t = timelineEvents;
  const rows = await db
    .selectDistinct({ to: sql<string | null>`${t.payload}->>'to'`, from: sql<string | null>`${t.payload}->>'from'` })
    .from(t)
    .where(and(eq(t.incidentId, incidentId), inArray(t.kind, ['role_assigned', 'step_assigned'])));
  return rows.flatMap((r) => [r.to, r.from]).filter((id): id is string => !!id);
}
