// Home tabs refreshed after a change, through the outbox: one home_refreshed row per affected person in the change's
// own transaction, on that person's lane. The worker renders the Home tab as it is at delivery (views.publish replaces
// it whole, so a retry or a late row shows the same thing). Only people who have opened App Home get one: nobody else
// would see it, and it keeps a busy incident from publishing to the whole company.
import type { Tx } from '../../db/types.js';
import { namedPeople } from '../incidents/incident.js';
import { findById, peopleWithWorkOn } from '../incidents/queries.js';
import { enqueueAll } from '../outbox/queries.js';
import type { EventKind } from '../timeline/events.js';
import { changesIn, peopleKnown, type NotedChange } from './changes.js';
import { viewersAmong } from './queries.js';

/**
 * Events that change what someone's Home tab shows (the incident's line, its roles, its open steps, its channel link).
 * Notes, pins and Slack outcomes do not; leaving slack_call_failed out also means a failed refresh never asks for another.
 */
export const HOME_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  'incident_declared', 'status_changed', 'severity_changed', 'incident_edited', 'role_assigned', 'role_unassigned', 'channel_created',
  'playbook_started', 'step_completed', 'step_skipped', 'step_assigned', 'step_reopened', 'playbook_completed', 'review_saved',
  'followup_added', 'followup_done', 'followup_reassigned', 'followup_cancelled',
]);

/** Enqueues a Home tab refresh for each person the transaction's changes concern who has opened App Home. */
export async function refreshHomesAfter(tx: Tx): Promise<void> {
  const changes = changesIn(tx).filter((c) => HOME_KINDS.has(c.kind));
  if (changes.length === 0) return;
  // The incident's people as they are at the end of the transaction, looked up once per incident however many of its
  // events the transaction appended (a rule appends three), plus whoever each change names (a role's holder before).
  const people = new Map<number, Promise<string[]>>();
  const peopleOfIncident = (incidentId: number) => {
    let found = people.get(incidentId);
    if (!found) people.set(incidentId, (found = incidentPeople(tx, incidentId)));
    return found;
  };
  const first = new Map<string, NotedChange>();
  for (const change of changes) {
    for (const userId of [...(await peopleOfIncident(change.incidentId)), ...namedIn(change)]) if (!first.has(userId)) first.set(userId, change);
  }
  const viewers = await viewersAmong(tx, [...first.keys()]);
  // One row per person per transaction (all in one insert); the key names the change, so the same change told twice is one refresh.
  await enqueueAll(
    tx,
    viewers.map((userId) => {
      const c = first.get(userId)!;
      return { key: `home:${userId}:${c.incidentId}:${c.seq}`, now: c.at, notification: { kind: 'home_refreshed', channel: userId, payload: { userId } } };
    }),
  );
}

/** Who sees an incident in their Home tab as theirs: reporter, role holders, step assignees, follow-up owners. */
async function incidentPeople(tx: Tx, incidentId: number): Promise<string[]> {
  const known = peopleKnown(tx, incidentId);
  if (known) return [...known];
  const incident = await findById(tx, incidentId);
  return [...(incident ? namedPeople(incident) : []), ...(await peopleWithWorkOn(tx, incidentId))];
}

/** The people a change names as before and after (a role or step given to someone else, a follow-up reassigned). */
function namedIn(change: NotedChange): string[] {
  return ['from', 'to'].map((k) => change.payload[k]).filter((v): v is string => typeof v === 'string' && /^[UW][A-Z0-9]+$/.test(v));
}
