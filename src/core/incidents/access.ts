// Access checks in the words older call sites use; each is a view of the rules in ../access/rules.ts.
import type { Actor } from '../context.js';
import { authorize, isAllowed, type AccessDeps } from '../access/authorize.js';
import type { Action } from '../access/rules.js';
import type { Incident } from './incident.js';
import { isAppError } from '../../shared/errors.js';

/** Throws not_authorized unless the actor is a responder (or a trusted operator). */
export async function requireResponder(deps: AccessDeps, actor: Actor, action: Action = 'incident.stats'): Promise<void> {
  await authorize(deps, actor, action);
}

/** Throws not_authorized unless the actor is an admin (ADMINS; responders when ADMINS is empty) or trusted. */
export async function requireAdmin(deps: AccessDeps, actor: Actor, action: Action = 'decoy.manage'): Promise<void> {
  await authorize(deps, actor, action);
}

/** Whether the actor may see the incident's title, description and timeline. */
export function canSee(deps: Omit<AccessDeps, 'onRefusal'>, actor: Actor, incident: Incident): Promise<boolean> {
  return isAllowed(deps, actor, 'viewer', incident);
}

/** canSee, answering false when Slack cannot say (for naming another incident: its details are left out, never guessed). */
export async function canSeeIfKnown(deps: Omit<AccessDeps, 'onRefusal'>, actor: Actor, incident: Incident): Promise<boolean> {
  try {
    return await canSee(deps, actor, incident);
  } catch (err) {
    if (isAppError(err, 'membership_unknown')) return false;
    throw err;
  }
}

/** Throws not_authorized when the actor may not see the incident's details. */
export async function requireVisible(deps: AccessDeps, actor: Actor, incident: Incident, action: Action = 'incident.show'): Promise<void> {
  await authorize(deps, actor, action, incident);
}
