// What a webhook receives for one timeline event: `{ id, type, occurred_at, incident, change }`, documented in
// docs/webhooks.md. A private incident goes to a hook that is not trusted as its reference, severity and status only.
import type { Incident } from '../incidents/incident.js';
import type { NotedChange } from '../home/changes.js';
import type { WebhookEvent } from '../webhooks/webhook.js';

/** The webhook event type a timeline event is sent as, or undefined when hooks are not told of it. */
export function webhookEventOf(change: Pick<NotedChange, 'kind' | 'payload'>): WebhookEvent | undefined {
  switch (change.kind) {
    case 'incident_declared':
      return 'incident.declared';
    case 'severity_changed':
      return 'incident.severity_changed';
    case 'status_changed':
      return change.payload.to === 'merged' ? 'incident.merged' : 'incident.status_changed';
    case 'role_assigned':
      return 'incident.role_assigned';
    case 'role_unassigned':
      return 'incident.role_unassigned';
    case 'incident_edited':
      return 'incident.edited';
    default:
      return undefined;
  }
}

/** A link that opens a Slack channel in whichever workspace the reader is signed in to. */
export function slackChannelLink(channelId: string): string {
  return `https://slack.com/app_redirect?channel=${encodeURIComponent(channelId)}`;
}

/** The incident as a hook may see it: in full, or (private, hook not trusted) reference, severity and status. */
export function incidentView(incident: Incident, full: boolean): Record<string, unknown> {
  if (!full) return { ref: incident.ref, severity: incident.severity, status: incident.status };
  return {
    ref: incident.ref,
    title: incident.title,
    type: incident.type,
    severity: incident.severity,
    status: incident.status,
    private: incident.private,
    drill: incident.drill,
    commander: incident.commanderId,
    declared_at: incident.declaredAt.toISOString(),
    resolved_at: incident.resolvedAt?.toISOString() ?? null,
    closed_at: incident.closedAt?.toISOString() ?? null,
    channel: incident.channelId ? { id: incident.channelId, name: incident.channelName, url: slackChannelLink(incident.channelId) } : null,
  };
}

/** What changed, as a hook may see it: severity and status moves only, for a restricted view. */
export function changeView(change: Pick<NotedChange, 'kind' | 'payload'>, full: boolean): Record<string, unknown> | undefined {
  const p = change.payload;
  switch (change.kind) {
    case 'severity_changed':
      return { from: p.from, to: p.to };
    case 'status_changed':
      return full ? { from: p.from, to: p.to, ...(p.note ? { note: p.note } : {}), ...(p.mergedInto ? { merged_into: p.mergedInto } : {}) } : { from: p.from, to: p.to };
    case 'role_assigned':
      return full ? { role: p.role, from: p.from, to: p.to } : undefined;
    case 'role_unassigned':
      return full ? { role: p.role, from: p.from } : undefined;
    case 'incident_edited':
      return full ? { field: p.field, from: p.from, to: p.to } : undefined;
    default:
      return undefined;
  }
}

/** The body sent to a hook for one event. `id` names the event (the same for every hook); Rampart-Delivery names the delivery. */
export function webhookBody(p: { incident: Incident; change: NotedChange; type: WebhookEvent; trusted: boolean }): Record<string, unknown> {
  const full = !p.incident.private || p.trusted;
  const change = changeView(p.change, full);
  return {
    id: `evt_${p.incident.id}_${p.change.seq}`,
    type: p.type,
    occurred_at: p.change.at.toISOString(),
    ...(full ? {} : { restricted: true }),
    incident: incidentView(p.incident, full),
    ...(change ? { change } : {}),
  };
}
