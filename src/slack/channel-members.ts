// Private incidents are shown to their channel's members. Slack is asked which private channels the USER is in
// (users.conversations, types=private_channel, 1,000 a page), not who is in each channel: one call for nearly
// everyone however many private incidents a list holds, cached briefly per user. When Slack cannot say (an error, a
// rate limit, or no answer in time for the command to ack within Slack's 3 seconds), the check throws, so core can
// say the answer may be incomplete instead of treating the user as an outsider. A failure is never cached as an
// answer; it is only remembered as "unknown" for a few seconds, so one command asking about 150 incidents still makes
// a single call, and the next command asks Slack again.
import { WebClient, type FetchFunction } from '@slack/web-api';
import type { Logger } from '../log.js';

const CHANNELS_CACHE_MS = 60_000;
const FAILURE_MEMORY_MS = 5_000;
/** Time left for the look-up inside the ack budget, after the database work of the command itself. */
const LOOKUP_TIMEOUT_MS = 1_500;
/** 10,000 private channels; someone in more is treated as unknown rather than costing more calls. */
const MAX_PAGES = 10;
const PAGE_SIZE = 1000;

/** Thrown when Slack could not say which private channels a user is in (core turns it into membership_unknown). */
export class MembershipLookupFailed extends Error {
  override readonly name = 'MembershipLookupFailed';
}

/**
 * The look-up's own client: a 429 fails the look-up at once (the shared client would pause every call it makes for
 * the Retry-After), and no call outlives the time left before the ack.
 */
export function membershipClient(botToken: string, apiUrl?: string, fetch?: FetchFunction): WebClient {
  return new WebClient(botToken, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: LOOKUP_TIMEOUT_MS, ...(fetch ? { fetch } : {}) });
}

/** Builds the isChannelMember check core uses: at most one Slack look-up per user at a time, its result cached a minute. */
export function channelMemberCheck(client: WebClient, logger: Logger, now: () => number = Date.now, timeoutMs = LOOKUP_TIMEOUT_MS) {
  const cache = new Map<string, { channels: Set<string>; at: number }>();
  const inFlight = new Map<string, Promise<Set<string>>>();
  const failed = new Map<string, { err: MembershipLookupFailed; at: number }>();

  async function lookUp(userId: string): Promise<Set<string>> {
    const channels = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await client.users.conversations({ user: userId, types: 'private_channel', limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
      for (const c of res.channels ?? []) if (c.id) channels.add(c.id);
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) {
        forgetExpired();
        cache.set(userId, { channels, at: now() });
        return channels;
      }
    }
    throw new MembershipLookupFailed(`more than ${MAX_PAGES * PAGE_SIZE} private channels`);
  }

  function forgetExpired(): void {
    for (const [user, entry] of cache) if (now() - entry.at >= CHANNELS_CACHE_MS) cache.delete(user);
  }

  function channelsOf(userId: string): Promise<Set<string>> {
    const cached = cache.get(userId);
    if (cached && now() - cached.at < CHANNELS_CACHE_MS) return Promise.resolve(cached.channels);
    const failure = failed.get(userId);
    if (failure && now() - failure.at < FAILURE_MEMORY_MS) return Promise.reject(failure.err);
    let pending = inFlight.get(userId);
    if (!pending) {
      pending = withTimeout(lookUp(userId), timeoutMs)
        .then(
          (channels) => {
            failed.delete(userId);
            return channels;
          },
          (err: unknown) => {
            const lookupErr = err instanceof MembershipLookupFailed ? err : new MembershipLookupFailed('Slack did not answer users.conversations', { cause: err });
            logger.warn({ err, user: userId }, 'could not list the private channels of a user');
            failed.set(userId, { err: lookupErr, at: now() });
            throw lookupErr;
          },
        )
        .finally(() => inFlight.delete(userId));
      inFlight.set(userId, pending);
    }
    return pending;
  }

  return async function isChannelMember(channel: string, userId: string): Promise<boolean> {
    return (await channelsOf(userId)).has(channel);
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MembershipLookupFailed(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
