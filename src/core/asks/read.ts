// Reading an incident's questions and their answers, for people who may see the incident.
import type { Actor, CoreDeps } from '../context.js';
import { requireVisible } from '../incidents/access.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import type { Ask, ListedAsk } from './ask.js';
import { asksOf } from './queries.js';

/** An incident's questions, newest first (ref may be left out in the incident channel). */
export async function asksForActor(deps: CoreDeps, actor: Actor, ref: string | undefined): Promise<{ incident: Incident; asks: ListedAsk[] }> {
  const incident = await incidentByRefOrChannel(deps.db, ref, actor.channelId);
  await requireVisible(deps, actor, incident, 'incident.show');
  return { incident, asks: (await asksOf(deps.db, incident.id)).map((a) => listed(incident.ref, a)) };
}

/** A stored question as lists show it. */
export function listed(ref: string, a: Ask): ListedAsk {
  return {
    id: a.id,
    ref,
    userId: a.userId,
    question: a.question,
    askedBy: a.askedBy,
    askedAt: a.askedAt,
    answer: a.answer,
    answeredAt: a.answeredAt,
    reminded: a.answer === null && a.remindedAt !== null,
    escalated: a.answer === null && a.escalatedAt !== null,
  };
}
