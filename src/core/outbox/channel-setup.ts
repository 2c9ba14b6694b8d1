// What a settled channel set-up leads to, written in the transaction that settles it: the channel on the incident
// and its channel_created event, then the reporter's invite, the channel's first message and the announcement. A set-up
// given up still announces the incident (without a channel to link) and tells the reporter. Every follow-up has a key
// derived from the incident, so settling twice (a lost lease) cannot enqueue anything twice.
import type { Tx } from '../../db/types.js';
import type { Incident } from '../incidents/incident.js';
import { updateIncident } from '../incidents/queries.js';
import { appendEvent } from '../timeline/queries.js';
import type { AttemptOutcome } from './deps.js';
import type { NotificationPayloads } from './notifications.js';
import { enqueueAll, type Enqueue, type OutboxRow } from './queries.js';

/** The announcement's key (one per incident). */
export function announcementKey(incidentId: number): string {
  return `incident:${incidentId}:announced`;
}

/** The keys of everything a declaration's Slack set-up enqueues, in the order it happens. */
export function setupFollowUpKeys(incidentId: number): { invite: string; intro: string; announcement: string; told: string } {
  return {
    invite: `incident:${incidentId}:setup:invite`,
    intro: `incident:${incidentId}:intro`,
    announcement: announcementKey(incidentId),
    told: `incident:${incidentId}:setup:told`,
  };
}

/** The channel a delivered set-up found or made, as the Slack worker reports it. */
export interface SetupResult {
  channel: string;
  name: string;
}

/** Applies a settled set-up (delivered or given up) to its incident; a retry changes nothing. */
export async function afterChannelSetup(tx: Tx, row: OutboxRow, incident: Incident, outcome: AttemptOutcome, now: Date): Promise<void> {
  if (row.kind !== 'channel_setup' || outcome.kind === 'retry' || outcome.kind === 'deferred') return;
  const p = row.payload as unknown as NotificationPayloads['channel_setup'];
  const keys = setupFollowUpKeys(incident.id);
  const base = { incidentId: incident.id, now };
  // Gathered, then stored in one insert (in this order, which is their order within a lane).
  const rows: Enqueue[] = [];
  // An incident Rampart reported itself (a decoy, an alert, a reported phishing mail) has no Slack person to invite or tell.
  const person = /^[UW][A-Z0-9]{2,}$/.test(p.reporterId);
  const tell = (key: string, payload: NotificationPayloads['reporter_told']) => {
    if (person) rows.push({ ...base, key, notification: { kind: 'reporter_told', channel: payload.userId, payload } });
  };
  if (outcome.kind === 'delivered') {
    const channel = outcome.result as unknown as SetupResult;
    const current = incident.channelId ? incident : await attach(tx, incident, channel, p.private, now);
    const channelId = current.channelId!;
    if (person) rows.push({ ...base, key: keys.invite, notification: { kind: 'member_invited', channel: channelId, payload: { ref: incident.ref, userId: p.reporterId, reporter: true } } });
    rows.push({ ...base, key: keys.intro, notification: { kind: 'channel_intro', channel: channelId, payload: { ref: incident.ref } } });
    // The reporter was told it would be retried (or was told nothing, when the process died): say it is done.
    if (row.attempts > 1) tell(keys.told, { ref: incident.ref, drill: incident.drill, userId: p.reporterId, about: 'channel_ready', channelId });
  } else {
    tell(keys.told, { ref: incident.ref, drill: incident.drill, userId: p.reporterId, about: 'channel_failed', error: outcome.error });
  }
  if (p.announceChannel) {
    rows.push({ ...base, key: keys.announcement, notification: { kind: 'incident_announced', channel: p.announceChannel, payload: { ref: incident.ref, drill: incident.drill } } });
  }
  await enqueueAll(tx, rows);
}

async function attach(tx: Tx, incident: Incident, channel: SetupResult, isPrivate: boolean, now: Date): Promise<Incident> {
  const updated = await updateIncident(tx, incident.id, { channelId: channel.channel, channelName: channel.name, updatedAt: now });
  await appendEvent(tx, incident.id, { kind: 'channel_created', actor: 'rampart', source: 'system', payload: { channelId: channel.channel, name: channel.name, private: isPrivate } }, now);
  return updated;
}
