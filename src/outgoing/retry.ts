// How an attempt's result is read: delivered, worth another try (and when), or failed for good. One rule for every
// channel, as PagerDuty's Events API documents it for itself: 2xx done; 408, 429 and 5xx retried (429 after its
// Retry-After); any other answer is a request that will never be accepted as it is, so it is not retried.

/** The shortest wait a 429's Retry-After may ask for. */
export const MIN_RETRY_AFTER_MS = 1_000;

/** What to do after an attempt. */
export type Verdict = { kind: 'delivered' } | { kind: 'retry'; afterMs?: number; error: string } | { kind: 'failed'; error: string };

/** The verdict on an HTTP answer. */
export function verdictOf(answer: { status: number; retryAfterMs?: number; body: string }): Verdict {
  const { status } = answer;
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  const error = `HTTP ${status}${answer.body ? `: ${oneLine(answer.body)}` : ''}`;
  // At least a second: a `Retry-After: 0` would otherwise spend every attempt in a burst against a receiver that is busy.
  if (status === 429) return { kind: 'retry', error, ...(answer.retryAfterMs !== undefined ? { afterMs: Math.max(MIN_RETRY_AFTER_MS, answer.retryAfterMs) } : {}) };
  if (status === 408 || status >= 500) return { kind: 'retry', error };
  if (status >= 300 && status < 400) return { kind: 'failed', error: `HTTP ${status}: the receiver redirects; register the address it points to` };
  return { kind: 'failed', error };
}

/**
 * The wait before attempt n+1 after n failed: exponential from baseMs, capped at maxMs, with "equal jitter" (half
 * fixed, half random) so replicas and receivers that failed together do not all come back at the same instant.
 */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}
