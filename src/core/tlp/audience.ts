// The audience of what is shown to one person: TLP:RED is for named recipients, so someone gets everything only when
// they are among an incident's named people; anyone else in the organisation who may see a public incident is an
// AMBER audience, and does not get the notes marked more strictly.
import type { AccessDeps } from '../access/authorize.js';
import { isTrusted, type Actor } from '../context.js';
import { isParticipant, type Incident } from '../incidents/incident.js';
import { isParticipantOf } from '../incidents/participants.js';
import type { Tlp } from './tlp.js';

/**
 * RED for the operator, responders and the incident's participants (reporter, role holders, step assignees,
 * follow-up owners), and for whoever may see a private incident at all (its channel is private, its members named);
 * AMBER for anyone else, who can only be looking at a public incident. Call it once the actor may see the incident.
 */
export async function requesterAudience(deps: Pick<AccessDeps, 'db' | 'isResponder'>, actor: Actor, incident: Incident): Promise<Tlp> {
  if (incident.private || isTrusted(actor) || isParticipant(incident, actor.id)) return 'RED';
  if ((await deps.isResponder(actor.id)) || (await isParticipantOf(deps.db, incident, actor.id))) return 'RED';
  return 'AMBER';
}
