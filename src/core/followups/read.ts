// Reading follow-ups for people: one incident's, the actor's own, or every open one. A private incident the reader may
// not see shows its reference and the follow-up's state only: no text, owner or due date.
import type { Actor, CoreDeps } from '../context.js';
import { canSeeIfKnown, requireVisible } from '../incidents/access.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { findByChannel, findById } from '../incidents/queries.js';
import { compareFollowups, type FollowupState, type ListedFollowup } from './followup.js';
import { listFollowups } from './queries.js';

/** Which follow-ups to list: one incident's (ref, or the channel's), the actor's own open ones, or every open one. */
export type FollowupScope = { kind: 'incident'; ref?: string } | { kind: 'mine' } | { kind: 'open' };

/** A list of follow-ups and, for one incident's, the incident. */
export interface FollowupList {
  scope: FollowupScope['kind'];
  incident?: Incident;
  followups: ListedFollowup[];
}

/**
 * Follow-ups in list order (open first, by due date). Without a reference, the incident channel's own are listed
 * there, every open one elsewhere.
 */
export async function followupsForActor(deps: CoreDeps, actor: Actor, scope: FollowupScope): Promise<FollowupList> {
  if (scope.kind === 'incident' && !scope.ref && !(actor.channelId && (await findByChannel(deps.db, actor.channelId)))) {
    return followupsForActor(deps, actor, { kind: 'open' });
  }
  if (scope.kind === 'incident') {
    const incident = await incidentByRefOrChannel(deps.db, scope.ref, actor.channelId);
    await requireVisible(deps, actor, incident, 'incident.review');
    const rows = await listFollowups(deps.db, { incidentId: incident.id });
    return { scope: 'incident', incident, followups: await shown(deps, actor, rows) };
  }
  const states: FollowupState[] = ['open'];
  const rows = await listFollowups(deps.db, { states, ...(scope.kind === 'mine' ? { owner: actor.id } : {}) });
  return { scope: scope.kind, followups: await shown(deps, actor, rows) };
}

/** A person's open follow-ups across incidents, for their App Home (the actor is the person, or a trusted caller). */
export async function openFollowupsOf(deps: CoreDeps, actor: Actor, userId: string): Promise<ListedFollowup[]> {
  return shown(deps, actor, await listFollowups(deps.db, { states: ['open'], owner: userId }));
}

async function shown(deps: CoreDeps, actor: Actor, rows: Awaited<ReturnType<typeof listFollowups>>): Promise<ListedFollowup[]> {
  // One visibility check per incident, not per follow-up.
  const visible = new Map<number, Promise<boolean>>();
  const canSee = (incidentId: number) => {
    let known = visible.get(incidentId);
    if (!known) {
      known = findById(deps.db, incidentId).then((i) => (i ? canSeeIfKnown(deps, actor, i) : false));
      visible.set(incidentId, known);
    }
    return known;
  };
  const listed = await Promise.all(
    rows.map(async ({ followup: f, ref, number, private: isPrivate }): Promise<ListedFollowup> => {
      const base = { id: f.id, ref, incidentNumber: number, state: f.state };
      if (isPrivate && !(await canSee(f.incidentId))) return { ...base, redacted: true, owner: null, due: null };
      return { ...base, redacted: false, text: f.text, owner: f.owner, due: f.due };
    }),
  );
  return listed.sort(compareFollowups);
}
