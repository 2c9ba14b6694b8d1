// The Slack requests' side of the metrics: what the ack rules (src/slack/receivers.ts) report, counted.
import type { RequestObserver } from '../../slack/request-observer.js';
import type { RampartMetrics } from './definitions.js';

/** Counts each request on arrival and its answer with its latency, and the request gate's refusals by reason. */
export function requestCounter(m: RampartMetrics): RequestObserver {
  return {
    refused: (reason) => m.requestsRefused.inc({ reason }),
    received: (kind) => m.requestsReceived.inc({ kind }),
    answered: (kind, outcome, seconds) => {
      m.acks.inc({ kind, outcome });
      m.ackSeconds.observe({ kind }, seconds);
    },
  };
}
