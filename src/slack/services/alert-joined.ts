// An alert that joined an open incident (POST /api/v1/alerts) is posted in that incident's channel, once, keyed by its
// timeline event; an alert that opened one needs nothing here (its channel, card and announcement are the outbox's).
import { describeEvent, type ReceivedAlert } from '../../core/index.js';
import type { SlackDeps } from '../deps.js';
import { message } from '../blocks/message.js';
import { md } from '../blocks/text.js';
import { postOnce } from '../outbox/post.js';

/** After the alert is filed and answered: tells the joined incident's channel (background work, like a decoy's further hit). */
export function reportJoinedAlert(deps: Pick<SlackDeps, 'core' | 'background'>, received: ReceivedAlert): void {
  const channel = received.incident.channelId;
  if (!received.joined || !channel) return;
  deps.background.afterAck('post an alert that joined an incident', async () => {
    await postOnce(deps.core, {
      key: `incident:${received.incident.id}:event:${received.event.seq}:alert`,
      channel,
      incidentId: received.incident.id,
      action: 'posting an alert that joined the incident',
      // describeEvent shows the alert's link defanged; md escapes the whole line, so nothing in it becomes markup.
      message: message(md`:rotating_light: ${describeEvent(received.event)}`),
    });
  });
}
