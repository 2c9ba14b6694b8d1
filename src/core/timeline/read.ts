// Reading an incident's timeline, for people allowed to see the incident.
import type { Actor, CoreDeps } from '../context.js';
import { requireVisible } from '../incidents/access.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { listEvents } from './queries.js';

/** The incident and its events, for people allowed to see it. */
export async function incidentTimeline(deps: CoreDeps, actor: Actor, ref: string | undefined) {
  const incident = await incidentByRefOrChannel(deps.db, ref, actor.channelId);
  await requireVisible(deps, actor, incident, 'incident.timeline');
  return { incident, events: await listEvents(deps.db, incident.id) };
}
