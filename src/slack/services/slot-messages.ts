// Messages of scheduled posts (awareness tips, the weekly digest) over the Web API. Each carries its slot key in
// message metadata, so a replica taking over a slot can see whether the message already went out before posting it
// again. The client should reject rate-limited calls (rejectRateLimitedCalls) and not retry on its own: the retries
// happen here, with the injected sleep.
import { ErrorCode, WebClient, type FetchFunction } from '@slack/web-api';
import { withRetries, type Sleep } from './retry.js';

/** A Web API client for scheduled posts: no retries of its own and 429s rejected, so the retries here handle them. */
export function slotPostClient(botToken: string, apiUrl?: string, fetch?: FetchFunction): WebClient {
  return new WebClient(botToken, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, ...(fetch ? { fetch } : {}) });
}

/** A message with its slot metadata, as the block builders return it. */
export interface SlotMessage {
  text: string;
  blocks: readonly unknown[];
  metadata: { event_type: string; event_payload: { slot: string } & Record<string, string> };
}

/**
 * Posts a message that must land (nobody is there to click again), retrying on 429 and 5xx; returns its ts. A retry
 * after a failure that may have reached Slack (a reset, a 5xx, a timeout) first looks for the slot's message among the
 * channel's newest, so Slack acting while its answer was lost never posts the tip twice.
 */
export async function postSlotMessage(client: WebClient, sleep: Sleep, channel: string, message: SlotMessage): Promise<string> {
  let mayHaveLanded = false;
  const res = await withRetries(async () => {
    if (mayHaveLanded) {
      const ts = await newestSlotMessage(client, channel, message.metadata.event_type, message.metadata.event_payload.slot);
      if (ts) return { ts };
    }
    try {
      return await client.chat.postMessage({ channel, ...message, blocks: message.blocks as never[] });
    } catch (err) {
      // A 429 is refused before Slack acts; anything else retried may have been done.
      mayHaveLanded = (err as { code?: string }).code !== ErrorCode.RateLimitedError;
      throw err;
    }
  }, { sleep });
  return res.ts!;
}

/** The slot's message among the channel's newest (where a post made a moment ago is), or undefined. */
async function newestSlotMessage(client: WebClient, channel: string, eventType: string, slotKey: string): Promise<string | undefined> {
  const page = await client.conversations.history({ channel, include_all_metadata: true, limit: 100 });
  return page.messages?.find((m) => isSlotMessage(m.metadata, eventType, slotKey))?.ts;
}

function isSlotMessage(metadata: unknown, eventType: string, slotKey: string): boolean {
  const meta = metadata as { event_type?: string; event_payload?: { slot?: string } } | undefined;
  return meta?.event_type === eventType && meta.event_payload?.slot === slotKey;
}

/** The ts of the message in a channel, posted after `since`, whose metadata has this event type and slot key. */
export async function findSlotMessage(client: WebClient, sleep: Sleep, channel: string, eventType: string, slotKey: string, since: Date): Promise<string | undefined> {
  const oldest = String(Math.floor(since.getTime() / 1000) - 1);
  let cursor: string | undefined;
  do {
    const page = await withRetries(() => client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) }), { sleep });
    const found = page.messages?.find((m) => isSlotMessage(m.metadata, eventType, slotKey));
    if (found?.ts) return found.ts;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}
