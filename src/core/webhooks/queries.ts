// The webhooks table.
import { asc, eq, isNull } from 'drizzle-orm';
import { webhooks } from '../../db/schema.js';
import type { DbOrTx } from '../../db/types.js';
import type { Webhook } from './webhook.js';

/** The hooks that receive events now (not removed), with what enqueueing needs: id, events, trusted. */
export async function activeHooks(db: DbOrTx): Promise<{ id: number; events: string[]; trusted: boolean }[]> {
  return db.select({ id: webhooks.id, events: webhooks.events, trusted: webhooks.trusted }).from(webhooks).where(isNull(webhooks.disabledAt)).orderBy(asc(webhooks.id));
}

/** Every hook, removed ones included, oldest first (without secrets). */
export async function allHooks(db: DbOrTx): Promise<Webhook[]> {
  return db
    .select({ id: webhooks.id, url: webhooks.url, events: webhooks.events, trusted: webhooks.trusted, createdBy: webhooks.createdBy, createdAt: webhooks.createdAt, disabledAt: webhooks.disabledAt })
    .from(webhooks)
    .orderBy(asc(webhooks.id));
}

/** What the worker needs to send to a hook: where, and the secret to sign with. */
export async function hookTarget(db: DbOrTx, id: number): Promise<{ url: string; secret: string; disabled: boolean } | undefined> {
  const [row] = await db.select({ url: webhooks.url, secret: webhooks.secret, disabledAt: webhooks.disabledAt }).from(webhooks).where(eq(webhooks.id, id));
  return row ? { url: row.url, secret: row.secret, disabled: row.disabledAt !== null } : undefined;
}
