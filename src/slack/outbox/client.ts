// The outbox's own Web API client, bounded so one slow or failing call cannot hold a channel's queue: a short timeout,
// no retries of its own and 429s rejected, so every retry goes through the outbox (backoff, Retry-After, the key check).
// Calls made while the worker delivers a row (inside attemptScope) are paced first (pacer.ts) and counted, so the
// worker knows whether a refusal came before anything of the attempt reached Slack.
// Not Bolt's own Retry-After handling: without rejectRateLimitedCalls the client pauses all its calls, whatever the
// method, for Retry-After in real time while the row's lease runs; here only the refused method waits, on the
// injected clock, and the row goes back to the table meanwhile.
import { AsyncLocalStorage } from 'node:async_hooks';
import { ErrorCode, LogLevel, WebClient, type FetchFunction, type WebAPICallResult } from '@slack/web-api';
import type { SlackPacer } from './pacer.js';

/** One delivery attempt, as the client sees it: whose row, its pacer, and how the attempt's calls went. */
export interface AttemptScope {
  /** The outbox row's key. */
  owner: string;
  /** Slack's limits, kept by the worker; absent where none apply (see OutboxTuning.paceToSlack). */
  pacer: SlackPacer | undefined;
  /** Calls sent to Slack so far in this attempt (a paced call counts once it is sent). */
  sent: number;
  /** Slack refused the attempt's first call (a 429): nothing of the attempt reached it. */
  refusedFirst: boolean;
}

/** The attempt under way in this async context (set by the worker around each row's delivery). */
export const attemptScope = new AsyncLocalStorage<AttemptScope>();

class PacedWebClient extends WebClient {
  override async apiCall(method: string, options: Record<string, unknown> = {}): Promise<WebAPICallResult> {
    const scope = attemptScope.getStore();
    if (!scope) return super.apiCall(method, options);
    const answered = scope.pacer ? await scope.pacer.take(method, options, scope.owner) : undefined;
    scope.sent += 1;
    try {
      return await super.apiCall(method, options);
    } catch (err) {
      const e = err as { code?: string; retryAfter?: number };
      if (e.code === ErrorCode.RateLimitedError) {
        scope.pacer?.refused(method, options, Math.max(1, e.retryAfter ?? 1) * 1_000);
        if (scope.sent === 1) scope.refusedFirst = true;
      }
      throw err;
    } finally {
      answered?.();
    }
  }
}

/** A bounded Web API client for the outbox worker. */
export function outboxClient(botToken: string, opts: { apiUrl?: string; timeoutMs: number; fetch?: FetchFunction }): WebClient {
  return new PacedWebClient(botToken, {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    timeout: opts.timeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // Failures are the worker's to log (with the row's key); the client's own warnings would say it twice.
    logLevel: LogLevel.ERROR,
  });
}
