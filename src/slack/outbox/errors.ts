// What a failed Web API call means for the outbox: wait what Slack asks (429), back off and try again (5xx, network
// trouble, timeouts: the call may or may not have happened), or give up (a Slack error retrying cannot fix).
import { ErrorCode } from '@slack/web-api';
import { AppError } from '../../shared/errors.js';

/** How to go on after a failed call. */
export type FailureKind = { kind: 'rate_limited'; retryAfterMs: number } | { kind: 'transient' } | { kind: 'permanent' };

// Slack error codes (HTTP 200, ok: false) that are Slack's own trouble, so worth another try.
const TRANSIENT_CODES = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited', 'rate_limited']);

/**
 * Classifies a Web API error. A refusal of ours (an AppError: e.g. the out-of-band plan file went missing before
 * delivery) is permanent, as trying again cannot fix it; other errors that are not Slack's (a bug here) are treated as
 * transient and retried a while.
 */
export function classify(err: unknown): FailureKind {
  if (err instanceof AppError) return { kind: 'permanent' };
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  if (e.code === ErrorCode.RateLimitedError) return { kind: 'rate_limited', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1_000 };
  if (e.code === ErrorCode.HTTPError) return (e.statusCode ?? 0) >= 500 || e.statusCode === 408 ? { kind: 'transient' } : { kind: 'permanent' };
  if (e.code === ErrorCode.RequestError) return { kind: 'transient' };
  if (e.code === ErrorCode.PlatformError) return TRANSIENT_CODES.has(e.data?.error ?? '') ? { kind: 'transient' } : { kind: 'permanent' };
  return { kind: 'transient' };
}

/** Exponential backoff for the attempt-th try (1-based): base, 2×base, 4×base… capped. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
