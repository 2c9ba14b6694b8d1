// The awareness programme's Poster over the Slack Web API. Posts carry the slot key in message metadata, so a
// replica taking over a slot can see whether the message already went out before posting it again.
import type { WebClient } from '@slack/web-api';
import type { AwarenessPoster } from '../../core/awareness/deps.js';
import { AWARENESS_EVENT, awarenessMessage } from '../blocks/awareness.js';
import { withRetries, type Sleep } from './retry.js';

/**
 * A Poster. The client should reject rate-limited calls (rejectRateLimitedCalls) and not retry on its own: the
 * retries happen here, with the injected sleep.
 */
export function slackPoster(client: WebClient, sleep: Sleep): AwarenessPoster {
  return {
    async post(channel, tip, slotKey) {
      const message = awarenessMessage(tip, slotKey);
      const res = await withRetries(() => client.chat.postMessage({ channel, ...message, blocks: message.blocks as never[] }), { sleep });
      // The channel's size, for the acknowledgement rate; not worth failing a post over.
      const info = await client.conversations.info({ channel, include_num_members: true }).catch(() => undefined);
      const members = info?.channel?.num_members;
      return { ts: res.ts!, ...(typeof members === 'number' ? { audience: Math.max(0, members - 1) } : {}) };
    },
    async findPosted(channel, slotKey, since) {
      const oldest = String(Math.floor(since.getTime() / 1000) - 1);
      let cursor: string | undefined;
      do {
        const page = await withRetries(() => client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) }), { sleep });
        const found = page.messages?.find((m) => {
          const meta = m.metadata as { event_type?: string; event_payload?: { slot?: string } } | undefined;
          return meta?.event_type === AWARENESS_EVENT && meta.event_payload?.slot === slotKey;
        });
        if (found?.ts) return found.ts;
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return undefined;
    },
  };
}
