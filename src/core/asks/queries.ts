// The incident_asks table, shaped (db, params): no access checks, no rules.
import { and, asc, desc, eq, isNull, lte, or } from 'drizzle-orm';
import { incidentAsks } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { SafeText } from '../../shared/safe-text.js';
import type { Ask, AskAnswer } from './ask.js';

/** Stores a new question. */
export async function insertAsk(
  tx: Tx,
  row: { incidentId: number; userId: string; question: SafeText; askedBy: string; askedAt: Date; remindAt: Date; escalateAt: Date },
): Promise<Ask> {
  const [inserted] = await tx.insert(incidentAsks).values(row).returning();
  if (!inserted) throw new Error('ask insert returned no row');
  return inserted as Ask;
}

/** One question by id; forUpdate locks it until the transaction ends (an answer and a sweep never cross). */
export async function askById(db: DbOrTx, id: number, opts: { forUpdate?: boolean } = {}): Promise<Ask | undefined> {
  const q = db.select().from(incidentAsks).where(eq(incidentAsks.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row as Ask | undefined;
}

/** An incident's questions, newest first. */
export async function asksOf(db: DbOrTx, incidentId: number): Promise<Ask[]> {
  return (await db.select().from(incidentAsks).where(eq(incidentAsks.incidentId, incidentId)).orderBy(desc(incidentAsks.askedAt), desc(incidentAsks.id))) as Ask[];
}

/** Records the answer. */
export async function saveAnswer(tx: Tx, id: number, answer: AskAnswer, now: Date): Promise<Ask> {
  const [row] = await tx.update(incidentAsks).set({ answer, answeredAt: now, remindAt: null, escalateAt: null }).where(eq(incidentAsks.id, id)).returning();
  if (!row) throw new Error(`ask ${id} vanished`);
  return row as Ask;
}

/** Unanswered questions with a reminder or a report due at `now`, oldest first. */
export async function dueAsks(db: DbOrTx, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: incidentAsks.id })
    .from(incidentAsks)
    .where(and(isNull(incidentAsks.answer), or(lte(incidentAsks.remindAt, now), lte(incidentAsks.escalateAt, now))))
    .orderBy(asc(incidentAsks.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Locks a question that is still unanswered and due, skipping it when another transaction holds it (another replica's
 * sweep, or the person answering): that one decides, and this sweep moves on rather than wait.
 */
export async function lockDueAsk(tx: Tx, id: number, now: Date): Promise<Ask | undefined> {
  const [row] = await tx
    .select()
    .from(incidentAsks)
    .where(and(eq(incidentAsks.id, id), isNull(incidentAsks.answer), or(lte(incidentAsks.remindAt, now), lte(incidentAsks.escalateAt, now))))
    .for('update', { skipLocked: true });
  return row as Ask | undefined;
}

/** Clears the reminder's or the report's due time; `sentAt` records when it went out (absent: dropped, not sent). */
export async function clearDue(tx: Tx, id: number, what: 'remind' | 'escalate', sentAt?: Date): Promise<void> {
  const set = what === 'remind' ? { remindAt: null, ...(sentAt ? { remindedAt: sentAt } : {}) } : { escalateAt: null, ...(sentAt ? { escalatedAt: sentAt } : {}) };
  await tx.update(incidentAsks).set(set).where(eq(incidentAsks.id, id));
}
