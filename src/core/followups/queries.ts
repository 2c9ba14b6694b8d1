// Follow-up reads and writes, shaped (db, params): no access checks, no rules.
import { and, asc, eq, inArray, isNotNull, lte, type SQL } from 'drizzle-orm';
import { followups, incidents } from '../../db/schema.js';
import type { Tlp } from '../tlp/tlp.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { SafeText } from '../../shared/safe-text.js';
import { formatRef } from '../incidents/incident.js';
import type { Followup, FollowupState } from './followup.js';

/** Every follow-up of an incident, in id order. */
export async function followupsOf(db: DbOrTx, incidentId: number): Promise<Followup[]> {
  return (await db.select().from(followups).where(eq(followups.incidentId, incidentId)).orderBy(asc(followups.id))) as Followup[];
}

/** One follow-up by id. */
export async function followupById(db: DbOrTx, id: number): Promise<Followup | undefined> {
  const [row] = await db.select().from(followups).where(eq(followups.id, id));
  return row as Followup | undefined;
}

/** Stores a new follow-up. */
export async function insertFollowup(
  tx: Tx,
  row: { incidentId: number; text: SafeText; owner: string | null; due: string | null; reviewVersion: number; changedBy: string; changedAt: Date },
): Promise<Followup> {
  const [inserted] = await tx.insert(followups).values(row).returning();
  if (!inserted) throw new Error('follow-up insert returned no row');
  return inserted as Followup;
}

/** Changes a follow-up's state, owner, due date or review version. */
export async function updateFollowup(
  tx: Tx,
  id: number,
  set: Partial<{ state: FollowupState; owner: string | null; due: string | null; reviewVersion: number }> & { changedBy: string; changedAt: Date },
): Promise<Followup> {
  const [row] = await tx.update(followups).set(set).where(eq(followups.id, id)).returning();
  if (!row) throw new Error(`follow-up ${id} vanished`);
  return row as Followup;
}

/** Follow-ups with their incident's reference and visibility, filtered; open or all states. */
export async function listFollowups(
  db: DbOrTx,
  p: { incidentId?: number; owner?: string; states?: readonly FollowupState[]; dueBy?: string },
): Promise<{ followup: Followup; ref: string; number: number; private: boolean; tlp: Tlp | null }[]> {
  const where: SQL[] = [];
  if (p.incidentId !== undefined) where.push(eq(followups.incidentId, p.incidentId));
  if (p.owner !== undefined) where.push(eq(followups.owner, p.owner));
  if (p.states) where.push(inArray(followups.state, [...p.states]));
  if (p.dueBy !== undefined) where.push(isNotNull(followups.due), lte(followups.due, p.dueBy));
  const rows = await db
    .select({ followup: followups, number: incidents.number, private: incidents.private, tlp: incidents.tlp })
    .from(followups)
    .innerJoin(incidents, eq(incidents.id, followups.incidentId))
    .where(and(...where))
    .orderBy(asc(followups.due), asc(incidents.number), asc(followups.id));
  return rows.map((r) => ({ followup: r.followup as Followup, ref: formatRef(r.number), number: r.number, private: r.private, tlp: r.tlp as Tlp | null }));
}
