// The notifications incident use cases enqueue, each keyed by the timeline event it tells of: the same event can
// never be told twice, and the key is what the Slack worker looks for before posting again after an unclear failure.
import type { Tx } from '../../db/types.js';
import type { Incident } from '../incidents/incident.js';
import { latestReview } from '../reviews/queries.js';
import type { TimelineEvent } from '../timeline/events.js';
import type { IncidentChange } from './notifications.js';
import { enqueue, release } from './queries.js';
import type { CoreDeps } from '../context.js';

/** How long the announcement waits for the channel to be created before it goes out anyway (crash safety). */
export const ANNOUNCEMENT_HOLD_MS = 60_000;

/** The idempotency key of a notification about a timeline event. */
export function noticeKey(incidentId: number, event: Pick<TimelineEvent, 'seq'> | null, what: string, now: Date): string {
  return `incident:${incidentId}:${event ? `event:${event.seq}` : `at:${now.getTime()}`}:${what}`;
}

/** The announcement's key (one per incident). */
export function announcementKey(incidentId: number): string {
  return `incident:${incidentId}:announced`;
}

/** Tells the incident channel (when there is one) of a change; returns the keys enqueued. */
export async function noticeChange(
  tx: Tx,
  p: { incident: Incident; event: TimelineEvent | null; by: string; change: IncidentChange; now: Date },
): Promise<string[]> {
  const { incident } = p;
  if (!incident.channelId) return [];
  // Closing an incident that has no review yet offers to write one (the button is rendered by the worker).
  const offerReview = p.change.kind === 'status' && p.change.to === 'closed' && (await latestReview(tx, incident.id)).versions === 0;
  const key = noticeKey(incident.id, p.event, 'changed', p.now);
  await enqueue(tx, {
    key,
    incidentId: incident.id,
    now: p.now,
    notification: { kind: 'incident_changed', channel: incident.channelId, payload: { ref: incident.ref, drill: incident.drill, by: p.by, change: p.change, offerReview } },
  });
  return [key];
}

/** Invites a new role holder into the incident channel (when there is one); returns the keys enqueued. */
export async function noticeInvite(tx: Tx, p: { incident: Incident; event: TimelineEvent | null; userId: string; now: Date }): Promise<string[]> {
  const { incident } = p;
  if (!incident.channelId) return [];
  const key = noticeKey(incident.id, p.event, 'invite', p.now);
  await enqueue(tx, { key, incidentId: incident.id, now: p.now, notification: { kind: 'member_invited', channel: incident.channelId, payload: { ref: incident.ref, userId: p.userId } } });
  return [key];
}

/**
 * Announces a declaration in the announcement channel. It is held until the adapter has created the incident's channel
 * (so the announcement can link it) and releases it; if the process dies first, the hold runs out and it goes anyway.
 */
export async function noticeDeclared(tx: Tx, p: { incident: Incident; channel: string | undefined; now: Date }): Promise<string | undefined> {
  if (!p.channel) return undefined;
  const key = announcementKey(p.incident.id);
  await enqueue(tx, {
    key,
    incidentId: p.incident.id,
    now: p.now,
    holdMs: ANNOUNCEMENT_HOLD_MS,
    notification: { kind: 'incident_announced', channel: p.channel, payload: { ref: p.incident.ref, drill: p.incident.drill } },
  });
  return key;
}

/** Lets a held announcement go now and wakes the worker. */
export async function releaseAnnouncement(deps: Pick<CoreDeps, 'db' | 'clock' | 'outbox'>, incidentId: number): Promise<void> {
  await release(deps.db, announcementKey(incidentId), deps.clock.now());
  deps.outbox?.notify();
}
