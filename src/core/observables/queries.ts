// Observable reads and writes, shaped (db, params): no access checks, no rules.
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { incidents, observables } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { SafeText } from '../../shared/safe-text.js';
import type { Observable, ObservableOrigin, ObservableType, Verdict } from './observable.js';

/** Every observable of an incident, in the order they were added. */
export async function observablesOf(db: DbOrTx, incidentId: number): Promise<Observable[]> {
  return (await db.select().from(observables).where(eq(observables.incidentId, incidentId)).orderBy(asc(observables.id))) as Observable[];
}

/** One observable of an incident by type and normalised value. */
export async function observableByValue(db: DbOrTx, p: { incidentId: number; type: ObservableType; value: string }): Promise<Observable | undefined> {
  const [row] = await db
    .select()
    .from(observables)
    .where(and(eq(observables.incidentId, p.incidentId), eq(observables.type, p.type), eq(observables.value, p.value as SafeText)));
  return row as Observable | undefined;
}

/** Stores a new observable; undefined when the incident already has it (the unique index decides, race-free). */
export async function insertObservable(
  tx: Tx,
  row: { incidentId: number; type: ObservableType; value: SafeText; origin: ObservableOrigin; addedBy: string; addedAt: Date },
): Promise<Observable | undefined> {
  const [inserted] = await tx
    .insert(observables)
    .values({ ...row, changedBy: row.addedBy, changedAt: row.addedAt })
    .onConflictDoNothing()
    .returning();
  return inserted as Observable | undefined;
}

/** Changes an observable's verdict. */
export async function updateVerdict(tx: Tx, id: number, set: { verdict: Verdict; changedBy: string; changedAt: Date }): Promise<Observable> {
  const [row] = await tx.update(observables).set(set).where(eq(observables.id, id)).returning();
  if (!row) throw new Error(`observable ${id} vanished`);
  return row as Observable;
}

/** The other incidents (number, privacy) holding any of these normalised values, per value. */
export async function otherIncidentsWith(
  db: DbOrTx,
  p: { incidentId: number; values: readonly string[] },
): Promise<{ value: string; incidentId: number; number: number; private: boolean }[]> {
  if (p.values.length === 0) return [];
  const rows = await db
    .selectDistinct({ value: observables.value, incidentId: incidents.id, number: incidents.number, private: incidents.private })
    .from(observables)
    .innerJoin(incidents, eq(incidents.id, observables.incidentId))
    .where(and(inArray(observables.value, p.values as SafeText[]), ne(observables.incidentId, p.incidentId)))
    .orderBy(asc(incidents.number));
  return rows.map((r) => ({ ...r, value: r.value as string }));
}

/** Every observable equal to a normalised value, across incidents (trusted: no access applied), by incident. */
export function rowsWithValue(db: DbOrTx, value: string) {
  return db
    .select({ incidentId: observables.incidentId, type: observables.type, value: observables.value, addedAt: observables.addedAt })
    .from(observables)
    .where(eq(observables.value, value as SafeText))
    .orderBy(asc(observables.incidentId), asc(observables.id));
}
