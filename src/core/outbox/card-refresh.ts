// Keeping the incident's living messages current: every change use case calls noticeRefresh in its own transaction,
// so the incident card (the channel's pinned first message) and the announcement in INCIDENT_CHANNEL are updated in
// place whatever made the change (a slash command, a button, the CLI, the sandbox, a playbook step). Both are keyed by
// the timeline event, so the same change refreshes them once; both render the incident as it is at delivery time.
import type { Tx } from '../../db/types.js';
import type { Incident } from '../incidents/incident.js';
import type { TimelineEvent } from '../timeline/events.js';
import { noticeAnnouncementRevised, noticeKey } from './incident-notices.js';
import { enqueue } from './queries.js';

/** The incident card's refresh after `event`, in the incident channel's lane (behind the card's own post). */
export async function noticeCardRefresh(tx: Tx, p: { incident: Incident; event: Pick<TimelineEvent, 'seq'> | null; now: Date }): Promise<string[]> {
  const { incident } = p;
  // No channel yet: the card is posted once the channel is set up, rendered from the incident as it is then.
  if (!incident.channelId) return [];
  const key = noticeKey(incident.id, p.event, 'card', p.now);
  await enqueue(tx, { key, incidentId: incident.id, now: p.now, notification: { kind: 'card_refreshed', channel: incident.channelId, payload: { ref: incident.ref } } });
  return [key];
}

/**
 * Refreshes the card and the announcement after a change. The announcement's key is the one an edit uses, so an edit
 * that already revised it (making the incident private) keeps its own revision.
 */
export async function noticeRefresh(tx: Tx, p: { incident: Incident; event: TimelineEvent | null; now: Date }): Promise<string[]> {
  return [...(await noticeCardRefresh(tx, p)), ...(await noticeAnnouncementRevised(tx, { ...p, madePrivate: false }))];
}
