// Messages of scheduled posts (awareness tips, the weekly digest) over the Web API. Each carries its slot key in
// message metadata, so a replica taking over a slot can see whether the message already went out before posting it
// again. The client should reject rate-limited calls (rejectRateLimitedCalls) and not retry on its own: the retries
// happen here, with the injected sleep.
import { WebClient } from '@slack/web-api';
import { withRetries, type Sleep } from './retry.js';

/** A Web API client for scheduled posts: no retries of its own and 429s rejected, so the retries here handle them. */
export function slotPostClient(botToken: string, apiUrl?: string): WebClient {
  return new WebClient(botToken, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
}

/** A message with its slot metadata, as the block builders return it. */
export interface SlotMessage {
  text: string;
  blocks: readonly unknown[];
  metadata: { event_type: string; event_payload: { slot: string } & Record<string, string> };
}

/** Posts a message that must land (nobody is there to click again), retrying on 429 and 5xx; returns its ts. */
export async function postSlotMessage(client: WebClient, sleep: Sleep, channel: string, message: SlotMessage): Promise<string> {
  const res = await withRetries(() => client.chat.postMessage({ channel, ...message, blocks: message.blocks as never[] }), { sleep });
  return res.ts!;
}

/** The ts of the message in a channel, posted after `since`, whose metadata has this event type and slot key. */
export async function findSlotMessage(client: WebClient, sleep: Sleep, channel: string, eventType: string, slotKey: string, since: Date): Promise<string | undefined> {
  const oldest = String(Math.floor(since.getTime() / 1000) - 1);
  let cursor: string | undefined;
  do {
    const page = await withRetries(() => client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) }), { sleep });
    const found = page.messages?.find((m) => {
      const meta = m.metadata as { event_type?: string; event_payload?: { slot?: string } } | undefined;
      return meta?.event_type === eventType && meta.event_payload?.slot === slotKey;
    });
    if (found?.ts) return found.ts;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}
