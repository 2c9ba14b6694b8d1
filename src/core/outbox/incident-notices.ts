// The notifications incident use cases enqueue, each keyed by the timeline event it tells of: the same event can
// never be told twice, and the key is what the Slack worker looks for before posting again after an unclear failure.
import type { Tx } from '../../db/types.js';
import { isEscalation, type Incident, type Severity } from '../incidents/incident.js';
import { latestReview } from '../reviews/queries.js';
import type { TimelineEvent } from '../timeline/events.js';
import type { Given, IncidentChange } from './notifications.js';
import { enqueue, rowsByKey } from './queries.js';
import { announcementKey } from './channel-setup.js';
import { inTransaction, type CoreDeps } from '../context.js';
import type { IncidentRule } from '../rules/rule.js';

/** The idempotency key of a notification about a timeline event. */
export function noticeKey(incidentId: number, event: Pick<TimelineEvent, 'seq'> | null, what: string, now: Date): string {
  return `incident:${incidentId}:${event ? `event:${event.seq}` : `at:${now.getTime()}`}:${what}`;
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

/**
 * Updates the incident's announcement after an edit, when there is one to update: enqueued in the announcement's own
 * lane, so it follows the announcement if that is still on its way. An announcement not enqueued yet (the channel
 * set-up is still pending) needs nothing: it is rendered from the incident as it is when it is posted.
 */
export async function noticeAnnouncementRevised(tx: Tx, p: { incident: Incident; event: TimelineEvent | null; madePrivate: boolean; now: Date }): Promise<string[]> {
  const { incident } = p;
  const [announced] = await rowsByKey(tx, [announcementKey(incident.id)]);
  if (!announced || announced.failedAt) return [];
  const key = noticeKey(incident.id, p.event, 'announcement', p.now);
  await enqueue(tx, {
    key,
    incidentId: incident.id,
    now: p.now,
    notification: { kind: 'announcement_revised', channel: announced.lane, payload: { ref: incident.ref, drill: incident.drill, madePrivate: p.madePrivate } },
  });
  return [key];
}

/**
 * Announces an escalation where the declaration was announced (INCIDENT_CHANNEL, when set), for public and private
 * incidents alike: a private one's announcement already showed its reference and severity there, and the escalation
 * shows no more, while the people who watch that channel are the ones who must know it got worse. Returns the keys.
 */
export async function noticeEscalation(
  tx: Tx,
  p: { incident: Incident; event: TimelineEvent | null; by: string; from: Severity; announceChannel: string | undefined; now: Date },
): Promise<string[]> {
  const { incident } = p;
  if (!p.announceChannel || !isEscalation(p.from, incident.severity)) return [];
  const key = noticeKey(incident.id, p.event, 'escalated', p.now);
  await enqueue(tx, {
    key,
    incidentId: incident.id,
    now: p.now,
    notification: { kind: 'incident_escalated', channel: p.announceChannel, payload: { ref: incident.ref, drill: incident.drill, by: p.by, from: p.from, to: incident.severity } },
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
 * Makes someone given a role or a step a participant in Slack: invited to the incident channel (when there is one) and
 * told by direct message what they were given. A role is told even to someone who took it themselves: the message
 * is the role's brief (what it does, where the incident stands). Returns the keys enqueued.
 */
export async function noticeGiven(
  tx: Tx,
  p: { incident: Incident; event: TimelineEvent | null; by: string; userId: string; given: Given; now: Date },
): Promise<string[]> {
  const { incident } = p;
  const keys = await noticeInvite(tx, p);
  if (p.userId === p.by && p.given.kind !== 'role') return keys;
  const key = noticeKey(incident.id, p.event, 'told', p.now);
  const payload = { ref: incident.ref, drill: incident.drill, userId: p.userId, by: p.by, given: p.given, ...(incident.channelId ? { channelId: incident.channelId } : {}) };
  // The person's own lane, as the reporter's messages: one slow direct message holds up no channel.
  await enqueue(tx, { key, incidentId: incident.id, now: p.now, notification: { kind: 'assignee_told', channel: p.userId, payload } });
  return [...keys, key];
}

/** The channel set-up's key (one per incident). */
export function setupKey(incidentId: number): string {
  return `incident:${incidentId}:setup`;
}

/** The lane of an incident's channel set-up: its own, so one stuck set-up never holds up another incident's. */
export function setupLane(incidentId: number): string {
  return `setup:${incidentId}`;
}

/**
 * Sets up Slack for a declaration, in the declaring transaction: the channel set-up is a durable outbox row that a
 * crash, a database restart or a Slack error only delays. When it settles (channel made, or given up) the reporter's
 * invite, the channel's first message and the announcement are enqueued in the same transaction (see
 * channel-setup.ts), so the announcement can link the channel and never waits in its lane for it. Returns the key.
 */
export async function noticeDeclared(tx: Tx, p: { incident: Incident; channel: string | undefined; rule?: IncidentRule; now: Date }): Promise<string> {
  const key = setupKey(p.incident.id);
  await enqueue(tx, {
    key,
    incidentId: p.incident.id,
    now: p.now,
    notification: {
      kind: 'channel_setup',
      channel: setupLane(p.incident.id),
      // No reference: a declaration enqueues this before its number is taken (see declare.ts); the worker reads the
      // incident row for anything it shows.
      payload: {
        reporterId: p.incident.reporterId,
        private: p.incident.private,
        ...(p.channel ? { announceChannel: p.channel } : {}),
        // The rule matched now, applied once the channel exists (channel-setup.ts): what was declared decides it.
        ...(p.rule ? { rule: p.rule } : {}),
      },
    },
  });
  return key;
}

/** Posts a message the adapter rendered, once: `key` must name what is told, so telling it again is a no-op. */
export async function noticeMessage(
  deps: Pick<CoreDeps, 'db' | 'clock' | 'outbox' | 'redactPatterns'>,
  p: { key: string; channel: string; incidentId?: number; action: string; message: { text: string; blocks?: unknown[] } },
): Promise<string> {
  const now = deps.clock.now();
  // inTransaction wakes the worker once the row is committed.
  await inTransaction(deps, (tx) =>
    enqueue(tx, {
      key: p.key,
      now,
      ...(p.incidentId !== undefined ? { incidentId: p.incidentId } : {}),
      notification: { kind: 'message_posted', channel: p.channel, payload: { action: p.action, ...p.message } },
    }),
  );
  return p.key;
}
