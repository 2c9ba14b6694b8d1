// Retrying a Web API call that must land (a scheduled post has no user to click again): on 429 wait what Slack's
// Retry-After says, on server and network errors back off exponentially. The wait is injected, so tests never sleep.
import { ErrorCode } from '@slack/web-api';

/** Waits ms milliseconds. */
export type Sleep = (ms: number) => Promise<void>;

/** Real waiting, for production. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long to wait before retrying err, or undefined when retrying would not help (a Slack error code such as channel_not_found). */
export function retryDelay(err: unknown, attempt: number, baseMs = 1_000): number | undefined {
  const e = err as { code?: string; retryAfter?: number; statusCode?: number };
  if (e.code === ErrorCode.RateLimitedError) return Math.max(1, e.retryAfter ?? 1) * 1_000;
  if (e.code === ErrorCode.HTTPError && (e.statusCode ?? 0) >= 500) return baseMs * 2 ** attempt;
  if (e.code === ErrorCode.RequestError) return baseMs * 2 ** attempt;
  return undefined;
}

/** Runs call, retrying as above up to `attempts` times in all; the last error is thrown. */
export async function withRetries<T>(call: () => Promise<T>, opts: { sleep: Sleep; attempts?: number; baseMs?: number }): Promise<T> {
  const attempts = opts.attempts ?? 5;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (err) {
      const delay = retryDelay(err, attempt, opts.baseMs);
      if (delay === undefined || attempt + 1 >= attempts) throw err;
      await opts.sleep(delay);
    }
  }
}
