// Who may see and change what. Anyone may declare; responders change status, severity and roles and see every
// private incident; participants (reporter, role holders, people in its channel) see their own private incident.
import { AppError } from '../errors.js';
import { isTrusted, type Actor, type CoreDeps } from '../context.js';
import { isParticipant, type Incident } from './incident.js';

/** Throws not_authorized unless the actor is a responder (or a trusted operator). */
export async function requireResponder(deps: Pick<CoreDeps, 'isResponder'>, actor: Actor, what: string): Promise<void> {
  if (isTrusted(actor) || (await deps.isResponder(actor.id))) return;
  throw new AppError('not_authorized', `Only responders can ${what}. Ask your security lead to add you to RESPONDERS.`);
}

/** Throws not_authorized unless the actor is an admin (ADMINS; responders when ADMINS is empty) or trusted. */
export async function requireAdmin(deps: Pick<CoreDeps, 'isResponder' | 'admins'>, actor: Actor, what: string): Promise<void> {
  if (isTrusted(actor)) return;
  const ok = deps.admins.length > 0 ? deps.admins.includes(actor.id) : await deps.isResponder(actor.id);
  if (ok) return;
  throw new AppError('not_authorized', `Only admins can ${what}. Ask your security lead to add you to ADMINS.`);
}

/** Whether the actor may see the incident's title, description and timeline. */
export async function canSee(deps: CoreDeps, actor: Actor, incident: Incident): Promise<boolean> {
  if (!incident.private || isTrusted(actor)) return true;
  if (isParticipant(incident, actor.id)) return true;
  // Asking from inside the incident's own channel proves membership of it.
  if (actor.channelId && actor.channelId === incident.channelId) return true;
  return deps.isResponder(actor.id);
}

/** Throws not_authorized when the actor may not see the incident's details. */
export async function requireVisible(deps: CoreDeps, actor: Actor, incident: Incident): Promise<void> {
  if (await canSee(deps, actor, incident)) return;
  throw new AppError('not_authorized', `${incident.ref} is private. Only responders and the people working on it can see it.`);
}
