// Offering the observables found in a copied Slack message (a pin or a 📌) to the person who put it on the timeline,
// in the same transaction as its message_pinned event: an ephemeral message with an Add button per observable, through
// the outbox. Nothing is added until they press Add (src/slack/listeners/actions/observable-offer.ts).
import type { Tx } from '../../db/types.js';
import type { Incident } from '../incidents/incident.js';
import { noticeKey } from '../outbox/incident-notices.js';
import { enqueue } from '../outbox/queries.js';
import type { TimelineEvent } from '../timeline/events.js';
import { scanObservables } from './scan.js';

const SLACK_PERSON = /^[UW][A-Z0-9]{2,}$/;

/**
 * Enqueues the offer when the redacted copy holds observables and the pinner is a person (a bot or a system actor
 * cannot be shown an ephemeral message). The person who pinned is the one offered: they chose to put the message on
 * the timeline, while its author may be a bot (an alert) or someone outside the response.
 */
export async function offerObservables(tx: Tx, p: { incident: Incident; event: TimelineEvent; userId: string; text: string; now: Date }): Promise<void> {
  const { incident } = p;
  if (!incident.channelId || !SLACK_PERSON.test(p.userId)) return;
  const found = scanObservables(p.text);
  if (found.length === 0) return;
  await enqueue(tx, {
    key: noticeKey(incident.id, p.event, 'observables-offered', p.now),
    incidentId: incident.id,
    now: p.now,
    notification: { kind: 'observables_offered', channel: incident.channelId, payload: { ref: incident.ref, drill: incident.drill, userId: p.userId, found } },
  });
}
