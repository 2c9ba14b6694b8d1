// Prometheus metrics for one running bot (issue 18): the registry and its counters are made before the Slack clients
// and the Bolt app (which are handed the request observer and the counting fetch), and the listener is started once
// core is ready (the database figures are read through it at scrape time).
import type { HealthSnapshot } from '../../core/index.js';
import type { Logger } from '../../log.js';
import { defineMetrics } from './definitions.js';
import { refreshHealthGauges } from './health-gauges.js';
import { serveMetrics, type MetricsListen, type MetricsServer } from './server.js';
import { countingFetch } from './slack-fetch.js';
import { requestCounter } from './slack-requests.js';

export type { MetricsServer } from './server.js';

/** One bot's metrics: what the Slack adapter is given to report into, and how to start the listener. */
export function createMetrics() {
  const metrics = defineMetrics();
  return {
    registry: metrics.registry,
    /** For the ack rules (createSlackApp's `observer`). */
    requests: requestCounter(metrics),
    /** For every Web API client (slackClients' and createSlackApp's `fetch`). */
    slackFetch: countingFetch(metrics),
    /** Starts GET /metrics; the database figures come from `snapshot` (core.health.snapshot) at each scrape. */
    serve: async (listen: MetricsListen, snapshot: () => Promise<HealthSnapshot>, logger: Logger): Promise<MetricsServer> => {
      const server = await serveMetrics(metrics.registry, listen, () => refreshHealthGauges(metrics, snapshot, logger));
      logger.info({ url: server.url, token: listen.token !== undefined }, 'Prometheus metrics are served');
      return server;
    },
  };
}
