// The outgoing_deliveries table: enqueue inside the caller's transaction, claim due lane heads under a lease, settle
// each attempt with its delivery-log row. The same ideas as the Slack outbox (src/core/outbox/queries.ts): a lane is
// delivered in order (only its oldest pending row can be claimed), FOR UPDATE SKIP LOCKED lets replicas claim side
// by side, and settling only touches a row this worker still holds.
import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { deliveryAttempts, incidents, outgoingDeliveries } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import { redactJson, redactionOf } from '../redaction/apply.js';
import type { DeliveryOutcome, DeliveryRow, LoggedDelivery, NewDelivery } from './delivery.js';

// Transactions that enqueued a delivery, so inTransaction can wake the worker once they commit.
const enqueuedIn = new WeakSet<object>();

/** Whether this transaction enqueued an outgoing delivery. */
export function deliveriesEnqueuedDuring(tx: object): boolean {
  return enqueuedIn.has(tx);
}

/** Stores deliveries in the caller's transaction, in this order (their order within a lane); a key already there is left alone. */
export async function enqueueDeliveries(tx: Tx, list: readonly NewDelivery[]): Promise<void> {
  if (list.length === 0) return;
  const redaction = redactionOf(tx);
  await tx
    .insert(outgoingDeliveries)
    .values(
      list.map((d) => ({
        key: d.key,
        channel: d.channel,
        target: d.target,
        lane: d.lane,
        event: d.event,
        // Whatever leaves Rampart passes the redaction step, as the Slack outbox's payloads do.
        payload: redactJson(redaction, d.payload).value,
        incidentId: d.incidentId ?? null,
        createdAt: d.now,
        availableAt: d.now,
      })),
    )
    .onConflictDoNothing({ target: outgoingDeliveries.key });
  enqueuedIn.add(tx);
}

const t = outgoingDeliveries;
const isLaneHead = sql`not exists (select 1 from ${t} p where p.lane = ${t.lane} and p.id < ${t.id} and p.delivered_at is null and p.failed_at is null)`;
const claimable = (now: Date) =>
  sql`${t.deliveredAt} is null and ${t.failedAt} is null and ${t.availableAt} <= ${now} and (${t.leaseUntil} is null or ${t.leaseUntil} <= ${now}) and ${isLaneHead}`;

/** Leases up to `limit` due lane heads to `worker` until now + leaseMs and counts the attempt. */
export async function claimDeliveries(db: DbOrTx, p: { worker: string; now: Date; leaseMs: number; limit: number }): Promise<DeliveryRow[]> {
  const leaseUntil = new Date(p.now.getTime() + p.leaseMs);
  const result = await db.execute(sql`
    update ${t} set lease_until = ${leaseUntil}, leased_by = ${p.worker}, attempts = attempts + 1
    where id in (select id from ${t} where ${claimable(p.now)} order by id limit ${p.limit} for update skip locked)
    returning id`);
  const ids = rowsOf<{ id: number | string }>(result).map((r) => Number(r.id));
  if (ids.length === 0) return [];
  return (await db.select().from(t).where(inArray(t.id, ids)).orderBy(t.id)) as DeliveryRow[];
}

/** How many deliveries could be claimed now. */
export async function countDueDeliveries(db: DbOrTx, now: Date): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(t).where(claimable(now));
  return Number(row?.n ?? 0);
}

/** When the next unheld lane head becomes due (its backoff), or undefined when none is pending. */
export async function nextDeliveryDueAt(db: DbOrTx, now: Date): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: sql<string | Date | null>`min(${t.availableAt})` })
    .from(t)
    .where(and(isNull(t.deliveredAt), isNull(t.failedAt), sql`(${t.leaseUntil} is null or ${t.leaseUntil} <= ${now})`, isLaneHead));
  return row?.at ? new Date(row.at) : undefined;
}

/** Settles an attempt of a row this worker still holds and logs it, in the caller's transaction; false (nothing written) when the lease was lost. */
export async function settleHeldDelivery(tx: Tx, p: { row: DeliveryRow; worker: string; now: Date; outcome: DeliveryOutcome }): Promise<boolean> {
  const { row, outcome } = p;
  const changes: PgUpdateSetSource<typeof t> =
    outcome.kind === 'delivered'
      ? { deliveredAt: p.now }
      : outcome.kind === 'retry'
        ? { availableAt: outcome.at, lastError: outcome.error }
        : { failedAt: p.now, lastError: outcome.error };
  const held = await tx
    .update(t)
    .set({ ...changes, leaseUntil: null, leasedBy: null })
    .where(and(eq(t.id, row.id), eq(t.leasedBy, p.worker), isNull(t.deliveredAt), isNull(t.failedAt)))
    .returning({ id: t.id });
  if (held.length === 0) return false;
  await tx.insert(deliveryAttempts).values({
    deliveryId: row.id,
    attempt: row.attempts,
    at: p.now,
    httpStatus: outcome.httpStatus,
    error: outcome.kind === 'delivered' ? null : outcome.error,
    durationMs: Math.round(outcome.durationMs),
    worker: p.worker,
  });
  return true;
}

/** Whether an incident was ever paged (a trigger enqueued), so acknowledging and resolving one that was not sends nothing. */
export async function wasPaged(db: DbOrTx, incidentIds: readonly number[]): Promise<Set<number>> {
  if (incidentIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ id: t.incidentId })
    .from(t)
    .where(and(eq(t.channel, 'pagerduty'), eq(t.event, 'trigger'), inArray(t.incidentId, [...incidentIds])));
  return new Set(rows.map((r) => r.id!));
}

/** The delivery log, newest first: each delivery with its last attempt (failed only, when asked). */
export async function deliveryLog(db: DbOrTx, p: { failed?: boolean; limit: number }): Promise<LoggedDelivery[]> {
  const last = db
    .select({ deliveryId: deliveryAttempts.deliveryId, status: deliveryAttempts.httpStatus, at: deliveryAttempts.at })
    .from(deliveryAttempts)
    .where(sql`${deliveryAttempts.id} = (select max(a.id) from ${deliveryAttempts} a where a.delivery_id = ${deliveryAttempts.deliveryId})`)
    .as('last');
  const rows = await db
    .select({ d: t, number: incidents.number, lastStatus: last.status, lastAt: last.at })
    .from(t)
    .leftJoin(incidents, eq(incidents.id, t.incidentId))
    .leftJoin(last, eq(last.deliveryId, t.id))
    .where(p.failed ? isNotNull(t.failedAt) : undefined)
    .orderBy(desc(t.id))
    .limit(p.limit);
  return rows.map(({ d, number, lastStatus, lastAt }) => ({
    id: d.id,
    channel: d.channel as LoggedDelivery['channel'],
    target: d.target,
    event: d.event,
    ref: number ? `INC-${number}` : null,
    createdAt: d.createdAt,
    attempts: d.attempts,
    state: d.deliveredAt ? 'delivered' : d.failedAt ? 'failed' : 'pending',
    lastError: d.lastError,
    lastStatus: lastStatus ?? null,
    lastAttemptAt: lastAt ?? null,
  }));
}

// node-postgres and PGlite's drizzle drivers both return { rows }.
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
