// The bot's Web API clients, one per purpose, built in one place. They differ on purpose, so they are not merged:
// - startup: auth.test once at start-up, with the retry policy of Bolt's own client (a blip must not fail a start);
// - responders: the RESPONDERS user-group look-up, no retries (a command is waiting to be acked);
// - membership: private-channel look-ups, rate limits rejected and a timeout inside the ack budget (channel-members.ts);
// - outbox: the outbox worker's, bounded so one slow call cannot hold a channel's queue (outbox/client.ts);
// - slotPosts: the scheduled posts', rate limits rejected so the posters' own retries (with the injectable sleep) apply.
// Listeners use Bolt's client (createSlackApp), built from the same options as startup.
import { WebClient, type FetchFunction } from '@slack/web-api';
import { membershipClient } from './channel-members.js';
import { outboxClient } from './outbox/client.js';
import { slotPostClient } from './services/slot-messages.js';

/** Options of Bolt's Web API client: retries on 5xx and network errors (429 is always honoured with Retry-After). */
export function boltClientOptions(apiUrl: string | undefined, retries: number, fetch?: FetchFunction) {
  return { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries, factor: 2, minTimeout: 500, maxTimeout: 5_000 }, ...(fetch ? { fetch } : {}) };
}

/**
 * The bot's Web API clients for one token. `fetch`, when given, makes every HTTP request of every client (the
 * /metrics adapter's counting fetch, src/web/metrics/slack-fetch.ts).
 */
export function slackClients(botToken: string, opts: { apiUrl?: string | undefined; retries: number; outboxTimeoutMs: number; fetch?: FetchFunction | undefined }) {
  const { apiUrl, fetch } = opts;
  return {
    startup: new WebClient(botToken, boltClientOptions(apiUrl, opts.retries, fetch)),
    responders: new WebClient(botToken, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 0 }, ...(fetch ? { fetch } : {}) }),
    membership: membershipClient(botToken, apiUrl, fetch),
    outbox: outboxClient(botToken, { ...(apiUrl ? { apiUrl } : {}), timeoutMs: opts.outboxTimeoutMs, ...(fetch ? { fetch } : {}) }),
    slotPosts: slotPostClient(botToken, apiUrl, fetch),
  };
}
