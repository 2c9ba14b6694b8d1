// The slack_outbox table: enqueue inside the caller's transaction, claim due rows under a lease, and settle them.
// Each lane (a channel) is delivered in order: only the oldest pending row of a lane can be claimed.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { slackOutbox } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { Notification, NotificationKind } from './notifications.js';
import { redactJson, redactionOf } from '../redaction/apply.js';

/** A stored notification. */
export type OutboxRow = typeof slackOutbox.$inferSelect & { kind: NotificationKind };

/** What enqueue stores. */
export interface Enqueue {
  /** The idempotency key: one row per key, and it travels with the Slack message so a retry can find it. */
  key: string;
  notification: Notification;
  incidentId?: number;
  now: Date;
}

// Transactions that enqueued something, so inTransaction can wake the worker once they commit.
const enqueuedIn = new WeakSet<object>();

/** Whether this transaction enqueued a notification. */
export function enqueuedDuring(tx: object): boolean {
  return enqueuedIn.has(tx);
}

/**
 * Stores a notification in the caller's transaction (one from inTransaction, which carries the redaction patterns): it commits with the change it tells of, or not at all. A key that
 * is already there is left alone (the same change told twice is one message).
 */
export async function enqueue(tx: Tx, e: Enqueue): Promise<void> {
  await enqueueAll(tx, [e]);
}

/**
 * Stores several notifications in one insert, in the caller's transaction, with enqueue's rules. Rows get ids in the
 * order given, which is their delivery order within a lane.
 */
export async function enqueueAll(tx: Tx, list: readonly Enqueue[]): Promise<void> {
  if (list.length === 0) return;
  const redaction = redactionOf(tx);
  await tx
    .insert(slackOutbox)
    .values(
      list.map((e) => ({
        key: e.key,
        lane: e.notification.channel,
        kind: e.notification.kind,
        // Whatever a notification says passes the redaction step, whichever use case enqueued it.
        payload: redactJson(redaction, e.notification.payload as unknown as Record<string, unknown>).value,
        incidentId: e.incidentId ?? null,
        createdAt: e.now,
        // No holds: a pending row heads its lane, so a row waiting for something else would block its whole channel.
        availableAt: e.now,
      })),
    )
    .onConflictDoNothing({ target: slackOutbox.key });
  enqueuedIn.add(tx);
}

// The head of each lane: pending, and no older pending row in its lane. Shared by claim and the due count.
const isLaneHead = sql`not exists (select 1 from ${slackOutbox} p where p.lane = ${slackOutbox.lane} and p.id < ${slackOutbox.id} and p.delivered_at is null and p.failed_at is null)`;
const claimable = (now: Date) =>
  sql`${slackOutbox.deliveredAt} is null and ${slackOutbox.failedAt} is null and ${slackOutbox.availableAt} <= ${now}
      and (${slackOutbox.leaseUntil} is null or ${slackOutbox.leaseUntil} <= ${now}) and ${isLaneHead}`;

/**
 * Leases up to `limit` due lane heads to `worker` until now + leaseMs and counts the attempt. FOR UPDATE SKIP LOCKED
 * lets replicas claim side by side without waiting on each other; a row another replica holds is skipped, and its
 * lane's later rows stay unclaimable until it is settled, so order within a lane holds across replicas.
 */
export async function claimDue(db: DbOrTx, p: { worker: string; now: Date; leaseMs: number; limit: number }): Promise<OutboxRow[]> {
  const leaseUntil = new Date(p.now.getTime() + p.leaseMs);
  const result = await db.execute(sql`
    update ${slackOutbox} set lease_until = ${leaseUntil}, leased_by = ${p.worker}, attempts = attempts + 1
    where id in (select id from ${slackOutbox} where ${claimable(p.now)} order by id limit ${p.limit} for update skip locked)
    returning id`);
  const ids = rowsOf<{ id: number | string }>(result).map((r) => Number(r.id));
  if (ids.length === 0) return [];
  return (await db.select().from(slackOutbox).where(inArray(slackOutbox.id, ids)).orderBy(slackOutbox.id)) as OutboxRow[];
}

/** How many rows could be claimed now (lane heads that are due and not leased). */
export async function countClaimable(db: DbOrTx, now: Date): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(slackOutbox).where(claimable(now));
  return Number(row?.n ?? 0);
}

/**
 * When the next lane head that no worker holds becomes due (its hold or backoff), or undefined when there is none.
 * Rows other workers hold are theirs to settle, so they are not waited for here.
 */
export async function nextDueAt(db: DbOrTx, now: Date): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: sql<string | Date | null>`min(${slackOutbox.availableAt})` })
    .from(slackOutbox)
    .where(and(isNull(slackOutbox.deliveredAt), isNull(slackOutbox.failedAt), sql`(${slackOutbox.leaseUntil} is null or ${slackOutbox.leaseUntil} <= ${now})`, isLaneHead));
  return row?.at ? new Date(row.at) : undefined;
}

// Settling only touches a row this worker still holds: a worker whose lease ran out must not overwrite the taker's.
const heldBy = (id: number, worker: string) => and(eq(slackOutbox.id, id), eq(slackOutbox.leasedBy, worker), isNull(slackOutbox.deliveredAt), isNull(slackOutbox.failedAt));

/** Applies a settlement to a row this worker still holds, ending the lease; false when the lease was lost. */
async function settleHeld(db: DbOrTx, id: number, worker: string, changes: PgUpdateSetSource<typeof slackOutbox>): Promise<boolean> {
  const rows = await db
    .update(slackOutbox)
    .set({ ...changes, leaseUntil: null, leasedBy: null })
    .where(heldBy(id, worker))
    .returning({ id: slackOutbox.id });
  return rows.length > 0;
}

/** Marks a held row delivered with what Slack returned; false when the lease was lost. */
export function markDelivered(db: DbOrTx, p: { id: number; worker: string; now: Date; result: Record<string, unknown> }): Promise<boolean> {
  return settleHeld(db, p.id, p.worker, { deliveredAt: p.now, result: p.result });
}

/** Puts a held row back to be tried again at `at` (backoff, Retry-After); false when the lease was lost. */
export function reschedule(db: DbOrTx, p: { id: number; worker: string; at: Date; error: string }): Promise<boolean> {
  return settleHeld(db, p.id, p.worker, { availableAt: p.at, lastError: p.error });
}

/**
 * Puts a held row back until `at` without counting its attempt when nothing of it reached Slack (`giveBack`): the
 * claim counted one, and a counted attempt makes the next one look for its effect. False when the lease was lost.
 */
export function defer(db: DbOrTx, p: { id: number; worker: string; at: Date; giveBack: boolean; error?: string }): Promise<boolean> {
  return settleHeld(db, p.id, p.worker, {
    availableAt: p.at,
    ...(p.giveBack ? { attempts: sql`greatest(${slackOutbox.attempts} - 1, 0)` } : {}),
    ...(p.error ? { lastError: p.error } : {}),
  });
}

/** Gives a held row up; false when the lease was lost. */
export function markFailed(db: DbOrTx, p: { id: number; worker: string; now: Date; error: string }): Promise<boolean> {
  return settleHeld(db, p.id, p.worker, { failedAt: p.now, lastError: p.error });
}

/** The rows with these keys. */
export async function rowsByKey(db: DbOrTx, keys: readonly string[]): Promise<OutboxRow[]> {
  if (keys.length === 0) return [];
  return (await db.select().from(slackOutbox).where(inArray(slackOutbox.key, [...keys])).orderBy(slackOutbox.id)) as OutboxRow[];
}

// node-postgres returns { rows }, PGlite's drizzle driver returns { rows } as well; older shapes return the array.
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

/**
 * Where the incident card is now: the message the latest delivered card post or refresh names (a refresh that had to
 * post the card again names the new one), or undefined before the card is posted.
 */
export async function cardMessage(db: DbOrTx, incidentId: number): Promise<{ channel: string; ts: string } | undefined> {
  const rows = await db
    .select({ result: slackOutbox.result })
    .from(slackOutbox)
    .where(and(eq(slackOutbox.incidentId, incidentId), inArray(slackOutbox.kind, ['channel_intro', 'card_refreshed']), sql`${slackOutbox.deliveredAt} is not null`))
    .orderBy(sql`${slackOutbox.id} desc`)
    .limit(20);
  for (const { result } of rows) {
    const { channel, ts } = (result ?? {}) as { channel?: unknown; ts?: unknown };
    if (typeof channel === 'string' && typeof ts === 'string') return { channel, ts };
  }
  return undefined;
}
