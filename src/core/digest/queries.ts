// Reads for the weekly digest, shaped (db, params). Only what happened in the week is fetched; digest.ts shapes it.
import { and, asc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import { incidents, timelineEvents } from '../../db/schema.js';
import type { DbOrTx } from '../../db/types.js';
import type { Incident, Status } from '../incidents/incident.js';
import { toIncident } from '../incidents/queries.js';
import type { StatusChange } from './digest.js';

/** Status changes that happened in (from, to], in order. */
export async function statusChangesBetween(db: DbOrTx, from: Date, to: Date): Promise<StatusChange[]> {
  const t = timelineEvents;
  const rows = await db
    .select({
      incidentId: t.incidentId,
      at: t.occurredAt,
      from: sql<string>`${t.payload}->>'from'`,
      to: sql<string>`${t.payload}->>'to'`,
      mergedInto: sql<string | null>`${t.payload}->>'mergedInto'`,
    })
    .from(t)
    .where(and(eq(t.kind, 'status_changed'), gt(t.occurredAt, from), lte(t.occurredAt, to)))
    .orderBy(asc(t.occurredAt), asc(t.seq));
  return rows.map((r) => ({ incidentId: r.incidentId, at: r.at, from: r.from as Status, to: r.to as Status, ...(r.mergedInto ? { mergedInto: r.mergedInto } : {}) }));
}

/** Incidents declared, acknowledged or resolved in (from, to], and those with the given ids. */
export async function incidentsOfWeek(db: DbOrTx, from: Date, to: Date, ids: number[]): Promise<Incident[]> {
  const within = (column: typeof incidents.declaredAt | typeof incidents.acknowledgedAt | typeof incidents.resolvedAt) => and(gt(column, from), lte(column, to));
  const rows = await db
    .select()
    .from(incidents)
    .where(or(within(incidents.declaredAt), within(incidents.acknowledgedAt), within(incidents.resolvedAt), ids.length > 0 ? inArray(incidents.id, ids) : undefined))
    .orderBy(asc(incidents.number));
  return rows.map(toIncident);
}
