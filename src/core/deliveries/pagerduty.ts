// Paging through PagerDuty's Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/):
// which incident changes trigger, acknowledge or resolve the on-call's alert, and the event each one sends. The
// routing key is added by the sender (src/outgoing), so it is never stored.
import { OPEN_STATUSES, type Incident, type Severity, type Status } from '../incidents/incident.js';
import type { NotedChange } from '../home/changes.js';
import type { PagingSettings } from './deps.js';
import { slackChannelLink } from './webhook-body.js';

/** An Events API v2 event action. */
export type PageAction = 'trigger' | 'acknowledge' | 'resolve';

/** PagerDuty's severities, from ours. */
export const PAGERDUTY_SEVERITY: Readonly<Record<Severity, 'critical' | 'error' | 'warning' | 'info'>> = { sev1: 'critical', sev2: 'error', sev3: 'warning', sev4: 'info' };

/** The statuses that end the response: the alert is resolved. */
const ENDED: readonly Status[] = ['resolved', 'closed', 'declined', 'merged'];

/** PagerDuty's limit on payload.summary. */
export const MAX_SUMMARY = 1024;

/**
 * The action a change calls for, given whether the incident's alert was triggered before (`paged`). Drills never page.
 * - trigger: declared at a paging severity; escalated into one (or moved between two, which updates the alert's
 *   severity); reopened at one.
 * - acknowledge: the status leaves triage for investigating or contained: someone is working on it. (Not a commander
 *   being named: a rule names one the moment the incident is declared, which would silence every page at once.)
 * - resolve: resolved, closed, declined or merged; or de-escalated below the paging severities (the on-call is no
 *   longer needed; escalating again pages anew).
 */
export function pageActionOf(change: Pick<NotedChange, 'kind' | 'payload'>, incident: Incident, paging: PagingSettings, paged: boolean): PageAction | undefined {
  if (incident.drill) return undefined;
  const pages = (s: unknown) => paging.severities.includes(s as Severity);
  const p = change.payload;
  switch (change.kind) {
    case 'incident_declared':
      return pages(p.severity) ? 'trigger' : undefined;
    case 'severity_changed':
      if (pages(p.to) && OPEN_STATUSES.includes(incident.status)) return 'trigger';
      return pages(p.from) && !pages(p.to) && paged ? 'resolve' : undefined;
    case 'status_changed': {
      const to = p.to as Status;
      if (ENDED.includes(to)) return paged ? 'resolve' : undefined;
      if (p.from === 'triage' && (to === 'investigating' || to === 'contained')) return paged ? 'acknowledge' : undefined;
      if (ENDED.includes(p.from as Status) && OPEN_STATUSES.includes(to) && pages(incident.severity)) return 'trigger';
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The alert's dedup_key: one per incident and deployment (PAGERDUTY_SOURCE), the same across restarts. */
export function dedupKey(paging: PagingSettings, incidentId: number): string {
  return `${paging.source}:incident:${incidentId}`.slice(0, 255);
}

/** The Events API v2 body without its routing_key. A private incident's summary names its reference, severity and status only. */
export function pageEvent(p: { action: PageAction; incident: Incident; paging: PagingSettings; at: Date }): Record<string, unknown> {
  const { incident } = p;
  const dedup_key = dedupKey(p.paging, incident.id);
  if (p.action !== 'trigger') return { event_action: p.action, dedup_key };
  const head = `${incident.ref} ${incident.severity.toUpperCase()} (${incident.status})`;
  const summary = incident.private ? `${head}: private security incident` : `${head}: ${incident.title}`;
  const details = incident.private
    ? { ref: incident.ref, severity: incident.severity, status: incident.status }
    : { ref: incident.ref, title: incident.title, type: incident.type, severity: incident.severity, status: incident.status, commander: incident.commanderId, declared_at: incident.declaredAt.toISOString() };
  return {
    event_action: 'trigger',
    dedup_key,
    payload: {
      summary: truncate(summary, MAX_SUMMARY),
      source: p.paging.source,
      severity: PAGERDUTY_SEVERITY[incident.severity],
      timestamp: p.at.toISOString(),
      component: 'rampart',
      class: 'security incident',
      custom_details: details,
    },
    client: 'Rampart',
    ...(incident.channelId ? { links: [{ href: slackChannelLink(incident.channelId), text: `Slack channel of ${incident.ref}` }] } : {}),
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
