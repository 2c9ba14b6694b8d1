// Registering, listing and removing outgoing webhooks: admins in Slack, always the CLI (a trusted operator).
import { and, eq, isNull } from 'drizzle-orm';
import { webhooks } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { authorize } from '../access/authorize.js';
import type { Actor, CoreDeps } from '../context.js';
import { allHooks } from './queries.js';
import { webhooksChanged } from './presence.js';
import { checkWebhookUrl, parseWebhookEvents, webhookSecret, type Webhook } from './webhook.js';

/** What an admin registers. */
export interface WebhookInput {
  url: string;
  events: string | readonly string[];
  /** Private incidents are sent in full only to trusted hooks. */
  trusted?: boolean;
  /** Left out: Rampart makes one. */
  secret?: string;
}

type ManageDeps = Pick<CoreDeps, 'db' | 'clock' | 'isResponder' | 'admins' | 'onRefusal'>;

/** Registers a hook; the secret is returned here only (it is never shown again). */
export async function addWebhook(deps: ManageDeps, actor: Actor, input: WebhookInput): Promise<{ webhook: Webhook; secret: string }> {
  await authorize(deps, actor, 'webhook.manage');
  const url = checkWebhookUrl(input.url);
  const events = parseWebhookEvents(input.events);
  const secret = webhookSecret(input.secret);
  const [row] = await deps.db
    .insert(webhooks)
    .values({ url, events, secret, trusted: input.trusted ?? false, createdBy: actor.id, createdAt: deps.clock.now() })
    .returning();
  webhooksChanged(deps.db);
  const { secret: _kept, ...webhook } = row!;
  return { webhook, secret };
}

/** Every hook, removed ones included (admins). */
export async function listWebhooks(deps: ManageDeps, actor: Actor): Promise<Webhook[]> {
  await authorize(deps, actor, 'webhook.manage');
  return allHooks(deps.db);
}

/**
 * Removes a hook: it receives nothing more, and what was waiting for it is given up by the worker. The row stays
 * (disabled) so the delivery log still says where earlier deliveries went.
 */
export async function removeWebhook(deps: ManageDeps, actor: Actor, id: number): Promise<Webhook> {
  await authorize(deps, actor, 'webhook.manage');
  if (!Number.isInteger(id) || id <= 0) throw new AppError('invalid_input', `"${id}" is not a webhook id: \`rampart webhooks list\` shows them.`);
  const [row] = await deps.db
    .update(webhooks)
    .set({ disabledAt: deps.clock.now() })
    .where(and(eq(webhooks.id, id), isNull(webhooks.disabledAt)))
    .returning();
  if (!row) throw new AppError('invalid_input', `There is no webhook ${id} to remove: \`rampart webhooks list\` shows them.`);
  webhooksChanged(deps.db);
  const { secret: _kept, ...webhook } = row;
  return webhook;
}
