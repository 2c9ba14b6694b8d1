// What the bot must say or do in Slack, as domain data: the Slack worker (src/slack/outbox) turns each kind into Web
// API calls and Block Kit. Core only decides *that* something is to be told and to whom (a lane, usually a channel).
import type { Role } from '../incidents/incident.js';

/** A change people in the incident channel hear about. */
export type IncidentChange =
  | { kind: 'status'; from: string; to: string; note?: string; mergedInto?: string }
  | { kind: 'severity'; from: string; to: string }
  | { kind: 'role'; role: Role; from: string | null; to: string };

/** Every notification kind and its payload. */
export interface NotificationPayloads {
  /** The declaration, announced in INCIDENT_CHANNEL; rendered from the incident as it is at delivery time. */
  incident_announced: { ref: string; drill: boolean };
  /** A status, severity or role change, posted in the incident channel. */
  incident_changed: { ref: string; drill: boolean; by: string; change: IncidentChange; offerReview: boolean };
  /** A new role holder invited into the incident channel. */
  member_invited: { ref: string; userId: string };
}

/** The kinds of notification. */
export type NotificationKind = keyof NotificationPayloads;

/** A notification as stored: its kind, its channel (the lane) and its payload. */
export type Notification = { [K in NotificationKind]: { kind: K; channel: string; payload: NotificationPayloads[K] } }[NotificationKind];

/** What each kind does, in words for the timeline when it fails (kept from the pre-outbox wording). */
export const ACTION_OF: Record<NotificationKind, string> = {
  incident_announced: 'announcing it',
  incident_changed: 'posting the change in the incident channel',
  member_invited: 'inviting the assignee to the channel',
};

/** Whether a kind posts a message (paced per channel) rather than changing the channel (an invite). */
export function isMessage(kind: NotificationKind): boolean {
  return kind !== 'member_invited';
}
