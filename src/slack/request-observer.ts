// What the ack rules (receivers.ts) tell a watcher about each Slack request: its kind when it arrives, then how it
// was answered and how long after arriving. The watcher is the /metrics adapter (src/web/metrics); Slack code knows
// nothing of Prometheus. Kinds and outcomes are fixed lists, never text from the request, so a sender cannot grow
// the set of time series.
import { performance } from 'node:perf_hooks';

/** The kinds a request is counted under (Bolt's listener kinds, shortcuts split as Slack sends them). */
export const REQUEST_KINDS = ['command', 'action', 'view_submission', 'view_closed', 'shortcut', 'message_shortcut', 'options', 'event', 'other'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/**
 * How a request was answered: a listener acked it (handled); no listener did, so the ack rules did (unhandled); not
 * in Slack's form (malformed); for another workspace or app (foreign); or its listener threw (failed: HTTP 500, or no
 * Socket Mode ack, so Slack redelivers an event).
 */
export const ACK_OUTCOMES = ['handled', 'unhandled', 'malformed', 'foreign', 'failed'] as const;
export type AckOutcome = (typeof ACK_OUTCOMES)[number];

/**
 * Why the request gate (request-gate.ts) turned a request away before Bolt saw it: a timestamp outside the replay
 * window or no signature (stale), a body over the caps (too_large), a wrong signature (bad_signature), a body that is
 * not an object (not_object), a signature already used (replayed), or the database could not record it (unrecorded).
 */
export const GATE_REFUSALS = ['stale', 'too_large', 'bad_signature', 'not_object', 'replayed', 'unrecorded'] as const;
export type GateRefusal = (typeof GATE_REFUSALS)[number];

/** Told of each request the ack rules see, and of those the request gate refused. */
export interface RequestObserver {
  refused(reason: GateRefusal): void;
  received(kind: RequestKind): void;
  /** seconds: from the request's arrival (before the request gate, over HTTP) to its answer. */
  answered(kind: RequestKind, outcome: AckOutcome, seconds: number): void;
}

const BY_TYPE: Readonly<Record<string, RequestKind>> = {
  block_actions: 'action',
  interactive_message: 'action',
  view_submission: 'view_submission',
  view_closed: 'view_closed',
  shortcut: 'shortcut',
  message_action: 'message_shortcut',
  block_suggestion: 'options',
  event_callback: 'event',
};

/** The kind of a parsed request body. */
export function requestKind(body: unknown): RequestKind {
  if (typeof body !== 'object' || body === null) return 'other';
  if ('command' in body) return 'command';
  const type = (body as { type?: unknown }).type;
  return (typeof type === 'string' && Object.hasOwn(BY_TYPE, type) ? BY_TYPE[type] : undefined) ?? 'other';
}

/** A monotonic time in milliseconds (arrivals and answers are compared with it; the bot's clock may be a test's). */
export const monotonicMs = (): number => performance.now();
