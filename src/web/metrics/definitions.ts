// Every Rampart metric, defined once on a registry of its own: never prom-client's global one, because one process
// may run several bots (the tests do) and each must count only its own. Names start with `rampart_`; prom-client's
// default process metrics (CPU, memory, event loop lag, GC) join them unprefixed, as dashboards expect.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

// Slack gives up on an ack after 3 s: the buckets are finest well below that and stop a little above it.
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
const CALL_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The registry and the metrics the adapters update. */
export type RampartMetrics = ReturnType<typeof defineMetrics>;

/** A fresh registry with Rampart's metrics and the default process metrics. */
export function defineMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requestsRefused: new Counter({ name: 'rampart_slack_requests_refused_total', help: 'Requests to /slack/events the request gate refused before Bolt, by reason (stale, too_large, bad_signature, not_object, replayed, unrecorded).', labelNames: ['reason'] as const, registers }),
    requestsReceived: new Counter({ name: 'rampart_slack_requests_received_total', help: 'Slack requests that passed the request gate, by kind.', labelNames: ['kind'] as const, registers }),
    acks: new Counter({ name: 'rampart_slack_acks_total', help: 'Slack requests answered, by kind and outcome (handled, unhandled, malformed, foreign, failed).', labelNames: ['kind', 'outcome'] as const, registers }),
    ackSeconds: new Histogram({ name: 'rampart_slack_ack_duration_seconds', help: 'Time from a Slack request arriving to its answer, by kind.', labelNames: ['kind'] as const, buckets: ACK_BUCKETS, registers }),
    apiCalls: new Counter({ name: 'rampart_slack_api_calls_total', help: 'Slack Web API HTTP requests, by method and outcome (ok, the error code, rate_limited, http_<status>, timeout, network_error).', labelNames: ['method', 'outcome'] as const, registers }),
    apiRateLimited: new Counter({ name: 'rampart_slack_api_rate_limited_total', help: 'Slack Web API requests answered 429 (rate limited), by method.', labelNames: ['method'] as const, registers }),
    apiSeconds: new Histogram({ name: 'rampart_slack_api_call_duration_seconds', help: 'Time until Slack answered a Web API request (headers), by method.', labelNames: ['method'] as const, buckets: CALL_BUCKETS, registers }),
    databaseUp: new Gauge({ name: 'rampart_database_up', help: '1 when the last scrape read the figures below from the database, 0 when it could not.', registers }),
    outboxPending: new Gauge({ name: 'rampart_outbox_pending', help: 'Slack outbox rows not yet delivered nor given up.', registers }),
    outboxPendingByKind: new Gauge({ name: 'rampart_outbox_pending_by_kind', help: 'Pending Slack outbox rows, by notification kind.', labelNames: ['kind'] as const, registers }),
    outgoingPending: new Gauge({ name: 'rampart_outgoing_pending', help: 'Outgoing deliveries (webhooks, PagerDuty pages, email) not yet delivered nor given up, by channel.', labelNames: ['channel'] as const, registers }),
    outgoingOldestAge: new Gauge({ name: 'rampart_outgoing_oldest_pending_age_seconds', help: 'How long the oldest pending outgoing delivery of a channel has waited.', labelNames: ['channel'] as const, registers }),
    outgoingFailed: new Gauge({ name: 'rampart_outgoing_failed', help: 'Outgoing deliveries given up (stored), by channel: a rise means a page, webhook or email that never arrived.', labelNames: ['channel'] as const, registers }),
    outboxOldestAge: new Gauge({ name: 'rampart_outbox_oldest_pending_age_seconds', help: 'How long the oldest pending Slack outbox row has waited (0 when none is pending).', registers }),
    openIncidents: new Gauge({ name: 'rampart_incidents_open', help: 'Open incidents (triage, investigating, contained), by severity, status and drill.', labelNames: ['severity', 'status', 'drill'] as const, registers }),
    slots: new Gauge({ name: 'rampart_scheduled_slots', help: 'Scheduled post slots recorded, by schedule and state (claimed, posted, missed, skipped).', labelNames: ['schedule', 'state'] as const, registers }),
    latestSlot: new Gauge({ name: 'rampart_scheduled_slot_latest_timestamp_seconds', help: 'Time of the latest slot of a schedule in a state (Unix seconds).', labelNames: ['schedule', 'state'] as const, registers }),
  };
}
