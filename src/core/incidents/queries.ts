// Incident reads and writes, shaped (db, params). Flows compose them inside one transaction.
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { counters, followups, incidents, playbookSteps } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import { formatRef, OPEN_STATUSES, type Incident, type Severity, type Status } from './incident.js';
import type { Tlp } from '../tlp/tlp.js';

type Row = typeof incidents.$inferSelect;
type NewRow = Omit<typeof incidents.$inferInsert, 'id' | 'number'>;

/**
 * The next incident number, for a transaction that numbers its incident up front (a decoy trip). An upsert on the counter
 * row: others queue on its lock until this transaction ends, and a rollback leaves no gap. Declares use numberIncident.
 */
export async function nextIncidentNumber(tx: Tx): Promise<number> {
  const [row] = await tx
    .insert(counters)
    .values({ name: 'incident', value: 1 })
    .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
    .returning({ value: counters.value });
  if (!row) throw new Error('counter upsert returned no row');
  return row.value;
}

/**
 * Inserts an incident that has no number yet: its provisional number is minus its id, unique and never a real
 * reference, until numberIncident gives it one as the declaring transaction's last statement.
 */
export async function insertUnnumbered(tx: Tx, values: NewRow): Promise<Incident> {
  // The id first (one round trip, no lock held), so that the provisional number can be derived from it.
  const drawnId = (await tx.execute(sql`select nextval(pg_get_serial_sequence('incidents', 'id'))::int as id`)) as unknown as { rows: { id: number }[] };
  const [drawn] = drawnId.rows;
  if (!drawn) throw new Error('incident id sequence returned no value');
  const [row] = await tx.insert(incidents).values({ ...values, id: drawn.id, number: -drawn.id }).returning();
  if (!row) throw new Error('incident insert returned no row');
  return toIncident(row);
}

/**
 * Takes the next incident number from the counter and gives it to this unnumbered incident, in one statement. The
 * counter row stays locked until the transaction ends, so the caller does this at the very end (only what must show
 * the reference comes after it): declares queue on the lock for that and the commit, not for the whole declaration.
 * Gapless: the number is taken and used in the same transaction, so a rollback returns both and the next declare takes
 * the same number again; no duplicates: the row lock serialises the increments (and incidents_number_key backs it).
 */
export async function numberIncident(tx: Tx, incidentId: number): Promise<number> {
  const result = (await tx.execute(sql`
    with taken as (
      insert into ${counters} (name, value) values ('incident', 1)
      on conflict (name) do update set value = ${counters}.value + 1
      returning value
    )
    update ${incidents} set number = taken.value from taken where ${incidents.id} = ${incidentId}
    returning taken.value as number`)) as unknown as { rows: { number: number }[] };
  const [row] = result.rows;
  if (!row) throw new Error(`incident ${incidentId} to number was not found`);
  return row.number;
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
