// What core needs to know about paging (PAGERDUTY_*): which severities page and the source named in each page. The
// routing key and the endpoint are the adapter's (src/outgoing): core never holds the secret, the outbox row neither.
import type { Severity } from '../incidents/incident.js';

/** Paging through PagerDuty, when PAGERDUTY_ROUTING_KEY is set. */
export interface PagingSettings {
  /** PAGERDUTY_SEVERITIES: incidents declared at or escalated into one of these page the on-call. */
  severities: readonly Severity[];
  /**
   * PAGERDUTY_SOURCE: the page's source and the prefix of its dedup_key, so deployments sharing a PagerDuty service
   * never act on each other's alerts (incident ids repeat across deployments).
   */
  source: string;
}

