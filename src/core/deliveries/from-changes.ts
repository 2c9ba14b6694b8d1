// Where incident lifecycle events become outgoing deliveries: in one place, inside the transaction that appended them
// (inTransaction calls planDeliveries), from the events it noted (home/changes.ts). Whatever use case made a change
// (Slack, the CLI, a playbook step, a settled set-up), hooks and PagerDuty hear of it, and only if it commits.
import { inArray } from 'drizzle-orm';
import { incidents } from '../../db/schema.js';
import type { Tx } from '../../db/types.js';
import { changesIn, type NotedChange } from '../home/changes.js';
import { toIncident } from '../incidents/queries.js';
import type { Incident } from '../incidents/incident.js';
import { activeHooksRemembered } from '../webhooks/presence.js';
import type { Clock } from '../clock.js';
import { subscribes } from '../webhooks/webhook.js';
import type { PagingSettings } from './deps.js';
import type { NewDelivery } from './delivery.js';
import { pageActionOf, pageEvent } from './pagerduty.js';
import { enqueueDeliveries, wasPaged } from './queries.js';
import { webhookEventOf } from './webhook-body.js';
import { webhookBody } from './webhook-body.js';

// The events that can page: only these make a transaction look at paging at all.
const PAGING_KINDS = new Set<string>(['incident_declared', 'severity_changed', 'status_changed']);

/**
 * Decides, before the transaction's last statements, whether any of its events goes out; returns the step that
 * enqueues them (run after those statements, when a declared incident has its number) or undefined. A transaction
 * with no such event makes no query at all; one with lifecycle events reads the (small) webhooks table, unless this
 * process knows there is none (webhooks/presence.ts), and the incidents only when a hook is subscribed or paging is on.
 */
export async function planDeliveries(tx: Tx, deps: { db: object; clock?: Clock; paging?: PagingSettings | undefined }): Promise<(() => Promise<void>) | undefined> {
  const { paging } = deps;
  const changes = changesIn(tx).filter((c) => webhookEventOf(c) !== undefined);
  if (changes.length === 0) return undefined;
  const hooks = (await activeHooksRemembered(tx, deps.db, deps.clock)).filter((h) => changes.some((c) => subscribes(h.events, webhookEventOf(c)!)));
  const pageable = paging ? changes.filter((c) => PAGING_KINDS.has(c.kind)) : [];
  if (hooks.length === 0 && pageable.length === 0) return undefined;
  // Copied now: the list is the transaction's and the last statements may add to it.
  const planned = [...changes];
  return async () => {
    const ids = [...new Set(planned.map((c) => c.incidentId))];
    const byId = new Map((await tx.select().from(incidents).where(inArray(incidents.id, ids))).map((r) => [r.id, toIncident(r)] as const));
    const rows: NewDelivery[] = [];
    for (const change of planned) {
      const incident = byId.get(change.incidentId);
      if (!incident) continue;
      for (const hook of hooks) rows.push(...hookDelivery(hook, incident, change));
    }
    if (paging && pageable.length > 0) rows.push(...(await pages(tx, paging, pageable, byId)));
    await enqueueDeliveries(tx, rows);
  };
}

function hookDelivery(hook: { id: number; events: string[]; trusted: boolean }, incident: Incident, change: NotedChange): NewDelivery[] {
  const type = webhookEventOf(change)!;
  if (!subscribes(hook.events, type)) return [];
  return [
    {
      key: `webhook:${hook.id}:incident:${incident.id}:event:${change.seq}`,
      channel: 'webhook',
      target: String(hook.id),
      // One lane per hook: a receiver gets its events in the order they happened.
      lane: `webhook:${hook.id}`,
      event: type,
      payload: webhookBody({ incident, change, type, trusted: hook.trusted }),
      incidentId: incident.id,
      now: change.at,
    },
  ];
}

async function pages(tx: Tx, paging: PagingSettings, changes: readonly NotedChange[], byId: ReadonlyMap<number, Incident>): Promise<NewDelivery[]> {
  // Acknowledging or resolving an alert never triggered would be dropped by PagerDuty: asked once for the lot.
  const paged = await wasPaged(tx, [...new Set(changes.filter((c) => c.kind !== 'incident_declared').map((c) => c.incidentId))]);
  const rows: NewDelivery[] = [];
  for (const change of changes) {
    const incident = byId.get(change.incidentId);
    if (!incident) continue;
    const action = pageActionOf(change, incident, paging, paged.has(incident.id));
    if (!action) continue;
    if (action === 'trigger') paged.add(incident.id);
    rows.push({
      key: `pagerduty:incident:${incident.id}:event:${change.seq}:${action}`,
      channel: 'pagerduty',
      target: 'default',
      // One lane per incident: its trigger, acknowledge and resolve reach PagerDuty in that order.
      lane: `pagerduty:${incident.id}`,
      event: action,
      payload: pageEvent({ action, incident, paging, at: change.at }),
      incidentId: incident.id,
      now: change.at,
    });
  }
  return rows;
}
