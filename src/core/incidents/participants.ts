// Who takes part in an incident: its reporter, its role holders, the people assigned its playbook steps and the owners
// of its follow-ups, and whoever holds one of its evidence items (a custodian answers for the item). Taking part
// is what lets someone outside RESPONDERS see a private incident (its details, tasks, timeline and reports); being
// given a role or a step also invites the person to the incident's channel and tells them by direct message.
import type { DbOrTx } from '../../db/types.js';
import { hasWorkOn } from './queries.js';
import { holdsEvidence } from '../evidence/queries.js';
import { isParticipant, type Incident } from './incident.js';

/** Whether the user takes part in the incident: reporter, role holder, assignee of one of its steps or owner of a follow-up. */
export async function isParticipantOf(db: DbOrTx, incident: Incident, userId: string): Promise<boolean> {
  return isParticipant(incident, userId) || (await hasWorkOn(db, incident.id, userId)) || (await holdsEvidence(db, incident.id, userId));
}
