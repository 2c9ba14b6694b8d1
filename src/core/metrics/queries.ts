// Reads for the metrics, shaped (db, params). Only the columns the figures need are fetched; the counting happens in
// stats.ts, because months and ISO weeks in the configured time zone and medians are simpler and testable there.
import { asc, gte } from 'drizzle-orm';
import { incidents } from '../../db/schema.js';
import type { DbOrTx } from '../../db/types.js';
import type { Severity, Status } from '../incidents/incident.js';
import type { MetricIncident } from './stats.js';

/** Incidents declared since `since` (all of them when null), oldest first, drills included (they are counted apart). */
export async function incidentsForStats(db: DbOrTx, since: Date | null): Promise<MetricIncident[]> {
  const rows = await db
    .select({
      number: incidents.number,
      type: incidents.type,
      severity: incidents.severity,
      status: incidents.status,
      drill: incidents.drill,
      declaredAt: incidents.declaredAt,
      acknowledgedAt: incidents.acknowledgedAt,
      containedAt: incidents.containedAt,
      resolvedAt: incidents.resolvedAt,
    })
    .from(incidents)
    .where(since ? gte(incidents.declaredAt, since) : undefined)
    .orderBy(asc(incidents.declaredAt), asc(incidents.number));
  return rows.map((r) => ({ ...r, severity: r.severity as Severity, status: r.status as Status }));
}
