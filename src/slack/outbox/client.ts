// The outbox's own Web API client, bounded so one slow or failing call cannot hold a channel's queue: a short timeout,
// no retries of its own and 429s rejected, so every retry goes through the outbox (backoff, Retry-After, the key check).
import { LogLevel, WebClient } from '@slack/web-api';

/** A bounded Web API client for the outbox worker. */
export function outboxClient(botToken: string, opts: { apiUrl?: string; timeoutMs: number }): WebClient {
  return new WebClient(botToken, {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    timeout: opts.timeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // Failures are the worker's to log (with the row's key); the client's own warnings would say it twice.
    logLevel: LogLevel.ERROR,
  });
}
