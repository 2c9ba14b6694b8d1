// The awareness programme's Poster over the Slack Web API: tips posted with their slot key in message metadata
// (see slot-messages.ts), and the channel's size for the acknowledgement rate.
import type { WebClient } from '@slack/web-api';
import type { AwarenessPoster } from '../../core/index.js';
import { AWARENESS_EVENT, awarenessMessage } from '../blocks/awareness.js';
import type { Sleep } from './retry.js';
import { findSlotMessage, postSlotMessage } from './slot-messages.js';

/**
 * A Poster. The client should reject rate-limited calls (rejectRateLimitedCalls) and not retry on its own: the
 * retries happen in slot-messages.ts, with the injected sleep.
 */
export function slackPoster(client: WebClient, sleep: Sleep): AwarenessPoster {
  return {
    async post(channel, tip, slotKey) {
      const ts = await postSlotMessage(client, sleep, channel, awarenessMessage(tip, slotKey));
      // The channel's size, for the acknowledgement rate; not worth failing a post over.
      const info = await client.conversations.info({ channel, include_num_members: true }).catch(() => undefined);
      const members = info?.channel?.num_members;
      return { ts, ...(typeof members === 'number' ? { audience: Math.max(0, members - 1) } : {}) };
    },
    findPosted: (channel, slotKey, since) => findSlotMessage(client, sleep, channel, AWARENESS_EVENT, slotKey, since),
  };
}
