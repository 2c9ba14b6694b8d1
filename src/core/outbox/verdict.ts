// The reporter hears the verdict: a direct message when their report is declined, resolved or closed, enqueued in the
// status change's transaction and keyed by its event, so it is sent once however often the change is retried.
import type { Tx } from '../../db/types.js';
import type { Incident, Status } from '../incidents/incident.js';
import type { TimelineEvent } from '../timeline/events.js';
import { enqueue } from './queries.js';
import { noticeKey } from './incident-notices.js';
import type { NotificationPayloads } from './notifications.js';

const VERDICTS: readonly Status[] = ['declined', 'resolved', 'closed'];

/** The statuses a reporter is told of. */
export type VerdictStatus = NotificationPayloads['verdict_told']['status'];

/** What each verdict means, in a reporter's words: Slack and email tell it alike. */
export const VERDICT_OUTCOME: Readonly<Record<VerdictStatus, string>> = {
  declined: 'was looked at and declined: no incident response was needed',
  resolved: 'has been resolved: the responders dealt with it',
  closed: 'is now closed: the response and its follow-up are finished',
};

/** Whether a reporter id is a Slack person (a decoy's incident is reported by Rampart itself, which hears nothing). */
function isPerson(userId: string): boolean {
  return /^[UW][A-Z0-9]{2,}$/.test(userId);
}

/**
 * Tells the reporter the outcome when the status is a verdict. Skipped when the reporter made the change: they know.
 * The reporter may read their own report's outcome even on a private incident (they are a participant). Returns the keys.
 */
export async function noticeVerdict(
  tx: Tx,
  p: { incident: Incident; event: TimelineEvent; by: string; to: Status; note?: string; now: Date },
): Promise<string[]> {
  const { incident } = p;
  if (!VERDICTS.includes(p.to) || p.by === incident.reporterId || !isPerson(incident.reporterId)) return [];
  const key = noticeKey(incident.id, p.event, 'verdict', p.now);
  const payload: NotificationPayloads['verdict_told'] = {
    ref: incident.ref,
    drill: incident.drill,
    userId: incident.reporterId,
    status: p.to as VerdictStatus,
    ...(p.note ? { note: p.note } : {}),
  };
  // The reporter's own lane, as their other direct messages: one slow DM holds up no channel.
  await enqueue(tx, { key, incidentId: incident.id, now: p.now, notification: { kind: 'verdict_told', channel: incident.reporterId, payload } });
  return [key];
}
