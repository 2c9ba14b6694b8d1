// Operational health as createCore offers it: figures for monitoring (the /metrics adapter), read-only and cheap.
import type { CoreDeps } from '../context.js';
import { healthSnapshot } from './read.js';

/** Binds the health reads to core's dependencies. */
export function healthApi(deps: CoreDeps) {
  return {
    /** Pending outbox rows by kind (with the oldest's age), open incidents by severity and status, slots by schedule and state; one query (trusted callers: no incident is named). */
    snapshot: () => healthSnapshot(deps),
  };
}
