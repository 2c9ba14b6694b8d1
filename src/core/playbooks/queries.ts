// Playbook run reads and writes, shaped (db, params). Flows call them inside one transaction holding the
// incident's row lock, which is what serialises two people pressing the same button.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { playbookMessages, playbookRuns, playbookSteps } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { Playbook } from './playbook.js';
import { runOf, type Run, type StepStatus } from './run.js';

type RunRow = typeof playbookRuns.$inferSelect;
type StepRow = typeof playbookSteps.$inferSelect;

/** Inserts a run and its steps (all open). */
export async function insertRun(
  tx: Tx,
  values: { incidentId: number; playbook: Playbook; startedBy: string; startedAt: Date; dueAt: (Date | null)[] },
): Promise<Run> {
  const [row] = await tx
    .insert(playbookRuns)
    .values({
      incidentId: values.incidentId,
      playbookId: values.playbook.id,
      title: values.playbook.title,
      definition: values.playbook as unknown as Record<string, unknown>,
      startedBy: values.startedBy,
      startedAt: values.startedAt,
    })
    .returning();
  if (!row) throw new Error('run insert returned no row');
  const steps = values.dueAt.map((dueAt, i) => ({ runId: row.id, number: i + 1, incidentId: values.incidentId, dueAt }));
  const inserted = await tx.insert(playbookSteps).values(steps).returning();
  return runOf(headOf(row), inserted.map(statusOf));
}

/** One run with its steps, or undefined. */
export async function findRun(db: DbOrTx, runId: number): Promise<Run | undefined> {
  const [row] = await db.select().from(playbookRuns).where(eq(playbookRuns.id, runId));
  if (!row) return undefined;
  const steps = await db.select().from(playbookSteps).where(eq(playbookSteps.runId, runId)).orderBy(asc(playbookSteps.number));
  return runOf(headOf(row), steps.map(statusOf));
}

/** Every run of these incidents, oldest first. */
export async function runsOf(db: DbOrTx, incidentIds: number[]): Promise<Run[]> {
  if (incidentIds.length === 0) return [];
  const rows = await db.select().from(playbookRuns).where(inArray(playbookRuns.incidentId, incidentIds)).orderBy(asc(playbookRuns.id));
  if (rows.length === 0) return [];
  const steps = await db
    .select()
    .from(playbookSteps)
    .where(inArray(playbookSteps.runId, rows.map((r) => r.id)))
    .orderBy(asc(playbookSteps.runId), asc(playbookSteps.number));
  return rows.map((r) => runOf(headOf(r), steps.filter((s) => s.runId === r.id).map(statusOf)));
}

/** A step's state, locked for the rest of the transaction. */
export async function lockStep(tx: Tx, runId: number, number: number): Promise<StepStatus | undefined> {
  const [row] = await tx
    .select()
    .from(playbookSteps)
    .where(and(eq(playbookSteps.runId, runId), eq(playbookSteps.number, number)))
    .for('update');
  return row ? statusOf(row) : undefined;
}

/** Writes a step's new state and bumps its version. */
export async function updateStep(
  tx: Tx,
  runId: number,
  number: number,
  change: Partial<Pick<StepStatus, 'state' | 'assignee' | 'changedBy' | 'changedAt' | 'note'>> & { version: number },
): Promise<void> {
  await tx
    .update(playbookSteps)
    .set(change)
    .where(and(eq(playbookSteps.runId, runId), eq(playbookSteps.number, number)));
}

/** The run id and incident of a run, without its steps. */
export async function runIncidentId(db: DbOrTx, runId: number): Promise<number | undefined> {
  const [row] = await db.select({ incidentId: playbookRuns.incidentId }).from(playbookRuns).where(eq(playbookRuns.id, runId));
  return row?.incidentId;
}

/** Remembers the Slack message showing one page of a run's checklist (replacing an older one). */
export async function saveMessage(db: DbOrTx, m: { runId: number; page: number; channelId: string; ts: string }): Promise<void> {
  await db
    .insert(playbookMessages)
    .values(m)
    .onConflictDoUpdate({ target: [playbookMessages.runId, playbookMessages.page], set: { channelId: m.channelId, ts: m.ts } });
}

/** The messages showing a run, by page. */
export async function messagesOf(db: DbOrTx, runId: number): Promise<{ page: number; channelId: string; ts: string }[]> {
  return db
    .select({ page: playbookMessages.page, channelId: playbookMessages.channelId, ts: playbookMessages.ts })
    .from(playbookMessages)
    .where(eq(playbookMessages.runId, runId))
    .orderBy(asc(playbookMessages.page));
}

function headOf(row: RunRow): Omit<Run, 'steps'> {
  return { id: row.id, incidentId: row.incidentId, playbook: row.definition as unknown as Playbook, startedBy: row.startedBy, startedAt: row.startedAt };
}

function statusOf(row: StepRow): StepStatus {
  return {
    number: row.number,
    state: row.state,
    assignee: row.assignee,
    dueAt: row.dueAt,
    changedBy: row.changedBy,
    changedAt: row.changedAt,
    note: row.note,
    version: row.version,
  };
}
