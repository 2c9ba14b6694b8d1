// Reading reviews for people: the same visibility rule as the incident itself.
import type { Actor, CoreDeps } from '../context.js';
import { requireVisible } from '../incidents/access.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { latestReview, reviewVersions } from './queries.js';
import type { Review } from './review.js';

/** The latest review of an incident the actor may see (ref, or the incident of the channel asked from). */
export async function latestForActor(
  deps: CoreDeps,
  actor: Actor,
  ref: string | undefined,
): Promise<{ incident: Incident; review: Review | null; versions: number }> {
  const incident = await incidentByRefOrChannel(deps.db, ref, actor.channelId);
  await requireVisible(deps, actor, incident, 'incident.review');
  return { incident, ...(await latestReview(deps.db, incident.id)) };
}

/** Every version of the review, oldest first, for an incident the actor may see. */
export async function historyForActor(deps: CoreDeps, actor: Actor, ref: string | undefined): Promise<{ incident: Incident; reviews: Review[] }> {
  const incident = await incidentByRefOrChannel(deps.db, ref, actor.channelId);
  await requireVisible(deps, actor, incident, 'incident.review');
  return { incident, reviews: await reviewVersions(deps.db, incident.id) };
}
