// Incident reads and writes, shaped (db, params). Flows compose them inside one transaction.
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { counters, followups, incidents, playbookSteps } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import { formatRef, OPEN_STATUSES, type Incident, type Severity, type Status } from './incident.js';
import type { Tlp } from '../tlp/tlp.js';

type Row = typeof incidents.$inferSelect;
type NewRow = Omit<typeof incidents.$inferInsert, 'id' | 'number'>;

/** The next incident number. An upsert on a counter row: concurrent declares queue on its lock, and a rollback leaves no gap. */
export async function nextIncidentNumber(tx: Tx): Promise<number> {
  const [row] = await tx
    .insert(counters)
    .values({ name: 'incident', value: 1 })
    .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
    .returning({ value: counters.value });
  if (!row) throw new Error('counter upsert returned no row');
  return row.value;
}

/** Inserts an incident and returns it. */
export async function insertIncident(tx: Tx, values: NewRow & { number: number }): Promise<Incident> {
  const [row] = await tx.insert(incidents).values(values).returning();
  if (!row) throw new Error('incident insert returned no row');
  return toIncident(row);
}

/** The incident with this number, locked for update when inside a transaction that will change it. */
export async function findByNumber(db: DbOrTx, number: number, opts: { forUpdate?: boolean } = {}): Promise<Incident | undefined> {
  const q = db.select().from(incidents).where(eq(incidents.number, number));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ? toIncident(row) : undefined;
}

/** The incident by primary key, optionally locked. */
export async function findById(db: DbOrTx, id: number, opts: { forUpdate?: boolean } = {}): Promise<Incident | undefined> {
  const q = db.select().from(incidents).where(eq(incidents.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ? toIncident(row) : undefined;
}

/** The incident whose dedicated channel this is. */
export async function findByChannel(db: DbOrTx, channelId: string, opts: { forUpdate?: boolean } = {}): Promise<Incident | undefined> {
  const q = db.select().from(incidents).where(eq(incidents.channelId, channelId));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ? toIncident(row) : undefined;
}

/** Incidents, newest first; only open ones unless `all`. */
export async function listIncidents(db: DbOrTx, opts: { all: boolean; limit?: number }): Promise<Incident[]> {
  const where = opts.all ? undefined : inArray(incidents.status, [...OPEN_STATUSES]);
  const rows = await db
    .select()
    .from(incidents)
    .where(where)
    .orderBy(desc(incidents.number))
    .limit(opts.limit ?? 1000);
  return rows.map(toIncident);
}

/** Applies a partial update and returns the new row. */
export async function updateIncident(tx: Tx, id: number, set: Partial<NewRow>): Promise<Incident> {
  const [row] = await tx.update(incidents).set(set).where(and(eq(incidents.id, id))).returning();
  if (!row) throw new Error(`incident ${id} vanished during update`);
  return toIncident(row);
}

/** A stored row as the Incident core works with. */
export function toIncident(row: Row): Incident {
  return { ...row, ref: formatRef(row.number), severity: row.severity as Severity, status: row.status as Status, tlp: row.tlp as Tlp | null };
}

/**
 * Whether the user was given work on the incident: one of its playbook steps or one of its follow-ups. One query, as
 * it runs for every private incident a list shows to someone outside RESPONDERS.
 */
export async function hasWorkOn(db: DbOrTx, incidentId: number, userId: string): Promise<boolean> {
  const [row] = await db
    .select({
      found: sql<boolean>`exists (select 1 from ${playbookSteps} where ${playbookSteps.incidentId} = ${incidentId} and ${playbookSteps.assignee} = ${userId})
        or exists (select 1 from ${followups} where ${followups.incidentId} = ${incidentId} and ${followups.owner} = ${userId})`,
    })
    .from(sql`(select 1) as one`);
  return row?.found === true;
}

/** The people given work on the incident: its step assignees and its follow-up owners (one query). */
export async function peopleWithWorkOn(db: DbOrTx, incidentId: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: playbookSteps.assignee })
    .from(playbookSteps)
    .where(and(eq(playbookSteps.incidentId, incidentId), isNotNull(playbookSteps.assignee)))
    .union(db.selectDistinct({ userId: followups.owner }).from(followups).where(and(eq(followups.incidentId, incidentId), isNotNull(followups.owner))));
  return rows.map((r) => r.userId!);
}
