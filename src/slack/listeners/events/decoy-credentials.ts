// A decoy credential pasted in any channel the bot is in: the hit is recorded (the stored copy redacted) before the
// event is acked, so Slack redelivers it if storing failed, and the event id makes a redelivery record nothing.
// The bot cannot edit or delete other people's messages, so the poster is warned (only them) to delete it.
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Tripped } from '../../../core/index.js';
import { describeEvent } from '../../../core/index.js';
import type { SlackDeps } from '../../deps.js';
import { furtherHitMessage, PASTED_KEY_WARNING } from '../../blocks/decoy.js';
import { setUpIncidentInSlack } from '../../services/incident-channel.js';
import { postOnce } from '../../outbox/post.js';

/** Shorter than a token: it cannot hold one, so no lookup is made. */
const MIN_LENGTH = 32;
/** Message subtypes that carry a person's text; edits, joins and bot posts are not sightings. */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/** Registers the message listener (message.channels and message.groups). */
export function register(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, body, client }) => {
    const m = event as { subtype?: string; text?: string; user?: string; bot_id?: string; channel: string; ts: string };
    if (!PERSON_SUBTYPES.has(m.subtype) || m.bot_id || !m.user || !m.text || m.text.length < MIN_LENGTH) return;
    const eventId = (body as { event_id?: string }).event_id;
    const hits = await deps.core.decoys.tripFromMessage({ text: m.text, user: m.user, channel: m.channel, ts: m.ts, ...(eventId ? { eventId } : {}) });
    if (hits.length === 0) return;
    const poster = m.user;
    deps.background.afterAck('warn whoever pasted a decoy credential', async () => {
      await client.chat.postEphemeral({ channel: m.channel, user: poster, text: PASTED_KEY_WARNING });
    });
    reportDecoyHits(deps, client, hits);
  });
}

/**
 * After the hit is stored (and the ack or the page sent): a new incident gets its private channel, with the
 * decoy playbook suggested and the admin who planted the decoy invited, and is announced in INCIDENT_CHANNEL like any
 * other; a later hit is posted in that channel.
 */
export function reportDecoyHits(deps: Pick<SlackDeps, 'core' | 'logger' | 'background' | 'incidentChannel'>, client: WebClient, hits: Tripped[]): void {
  for (const hit of hits) {
    deps.background.afterAck('report a decoy hit in Slack', async () => {
      if (hit.declared) {
        await setUpIncidentInSlack(deps, hit);
        return;
      }
      const channel = hit.incident.channelId;
      if (!channel) return;
      // Keyed by the hit's timeline event: told once, even when Slack's answer is lost.
      await postOnce(deps.core, {
        key: `incident:${hit.incident.id}:event:${hit.event.seq}:decoy-hit`,
        channel,
        incidentId: hit.incident.id,
        action: 'posting a further decoy hit',
        message: furtherHitMessage(describeEvent(hit.event)),
      });
    });
  }
}
