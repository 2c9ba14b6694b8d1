// The weekly digest's Poster over the Slack Web API: the digest posted with its slot key in message metadata, found
// again by it after a takeover (see slot-messages.ts).
import type { WebClient } from '@slack/web-api';
import type { DigestPoster } from '../../core/index.js';
import { DIGEST_EVENT, digestMessage } from '../blocks/digest.js';
import type { Sleep } from './retry.js';
import { findSlotMessage, postSlotMessage } from './slot-messages.js';

/** A DigestPoster; the client should reject rate-limited calls, as for slackPoster. */
export function slackDigestPoster(client: WebClient, sleep: Sleep): DigestPoster {
  return {
    post: async (channel, digest, slotKey) => ({ ts: await postSlotMessage(client, sleep, channel, digestMessage(digest, slotKey)) }),
    findPosted: (channel, slotKey, since) => findSlotMessage(client, sleep, channel, DIGEST_EVENT, slotKey, since),
  };
}
