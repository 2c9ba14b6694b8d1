// The bot's Web API clients, one per purpose, built in one place. They differ on purpose, so they are not merged:
// - startup: auth.test once at start-up, with the retry policy of Bolt's own client (a blip must not fail a start);
// - responders: the RESPONDERS user-group look-up, no retries (a command is waiting to be acked);
// - membership: private-channel look-ups, rate limits rejected and a timeout inside the ack budget (channel-members.ts);
// - outbox: the outbox worker's, bounded so one slow call cannot hold a channel's queue (outbox/client.ts);
// - slotPosts: the scheduled posts', rate limits rejected so the posters' own retries (with the injectable sleep) apply.
// Listeners use Bolt's client (createSlackApp), built from the same options as startup.
import { WebClient } from '@slack/web-api';
import { membershipClient } from './channel-members.js';
import { outboxClient } from './outbox/client.js';
import { slotPostClient } from './services/slot-messages.js';

/** Options of Bolt's Web API client: retries on 5xx and network errors (429 is always honoured with Retry-After). */
export function boltClientOptions(apiUrl: string | undefined, retries: number) {
  return { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries, factor: 2, minTimeout: 500, maxTimeout: 5_000 } };
}

/** The bot's Web API clients for one token. */
export function slackClients(botToken: string, opts: { apiUrl?: string | undefined; retries: number; outboxTimeoutMs: number }) {
  const { apiUrl } = opts;
  return {
    startup: new WebClient(botToken, boltClientOptions(apiUrl, opts.retries)),
    responders: new WebClient(botToken, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 0 } }),
    membership: membershipClient(botToken, apiUrl),
    outbox: outboxClient(botToken, { ...(apiUrl ? { apiUrl } : {}), timeoutMs: opts.outboxTimeoutMs }),
    slotPosts: slotPostClient(botToken, apiUrl),
  };
}
