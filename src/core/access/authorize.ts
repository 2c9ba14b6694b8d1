// Deciding one request against RULES. A refusal throws not_authorized with a message that says who may do it and
// reveals nothing of a private incident but its reference, and is reported to deps.onRefusal so it is logged.
import type { DbOrTx } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import { isTrusted, type Actor, type CoreDeps } from '../context.js';
import { isParticipant, type Incident } from '../incidents/incident.js';
import { isParticipantOf } from '../incidents/participants.js';
import { ACTION_WORDS, RULES, WHO, type Action, type Audience } from './rules.js';

/**
 * What authorize needs from CoreDeps. db may be the transaction a use case holds: a check made under its row lock must
 * read through it (PGlite has one connection, so a read outside the transaction would wait for it forever).
 */
export type AccessDeps = Pick<CoreDeps, 'isResponder' | 'admins' | 'isChannelMember' | 'onRefusal'> & { db: DbOrTx };

/** The actions the incident's commander may do as well as responders. */
export type CommanderAction = { [A in Action]: (typeof RULES)[A] extends 'commander' ? A : never }[Action];

/** Whether the actor is in the audience for this incident (no incident: only the actor's own standing counts). */
export async function isAllowed(deps: AccessDeps, actor: Actor, audience: Audience, incident?: Incident): Promise<boolean> {
  if (audience === 'anyone' || isTrusted(actor)) return true;
  switch (audience) {
    case 'viewer':
      return !incident || !incident.private || (await isViewerOfPrivate(deps, actor, incident));
    case 'commander':
      return (incident?.commanderId === actor.id) || deps.isResponder(actor.id);
    case 'responder':
      return deps.isResponder(actor.id);
    case 'admin':
      return deps.admins.length > 0 ? deps.admins.includes(actor.id) : deps.isResponder(actor.id);
  }
}

/** Throws not_authorized (and reports the refusal) unless the actor may do the action. */
export async function authorize(deps: AccessDeps, actor: Actor, action: Action, incident?: Incident): Promise<void> {
  const audience = RULES[action];
  if (await isAllowed(deps, actor, audience, incident)) return;
  refuse(deps, actor, action, incident);
}

/**
 * For a use case that locks the incident row: the actor's own standing is asked now (it may ask Slack, which must not
 * happen while a row is locked); the returned check, run on the locked incident, adds its commander and throws
 * not_authorized (reported) for anyone else.
 */
export async function authorizeOnLocked(deps: AccessDeps, actor: Actor, action: CommanderAction): Promise<(incident: Incident) => void> {
  const responder = await isAllowed(deps, actor, 'responder');
  return (incident) => {
    if (responder || incident.commanderId === actor.id) return;
    refuse(deps, actor, action, incident);
  };
}

/** Reports and throws the refusal of an action (for callers that decided themselves, such as a redacted show). */
export function refuse(deps: AccessDeps, actor: Actor, action: Action, incident?: Incident): never {
  const audience = RULES[action];
  deps.onRefusal?.({ action, actor: actor.id, source: actor.source, audience, ...(incident ? { ref: incident.ref } : {}) });
  throw new AppError('not_authorized', refusalText(action, audience, incident), { action, ...(incident ? { ref: incident.ref } : {}) });
}

/** Reports a refusal without throwing (a private incident shown as its reference only). */
export function noteRefusal(deps: AccessDeps, actor: Actor, action: Action, incident: Incident): void {
  deps.onRefusal?.({ action, actor: actor.id, source: actor.source, audience: RULES[action], ref: incident.ref });
}

function refusalText(action: Action, audience: Audience, incident: Incident | undefined): string {
  if (audience === 'viewer' && incident) return `${incident.ref} is private. Only ${WHO.viewer} can see it; ask its commander to add you to its channel.`;
  const who = audience === 'anyone' ? 'anyone' : WHO[audience];
  const fix =
    audience === 'admin'
      ? ' Ask your security lead to add you to ADMINS.'
      : audience === 'responder' || audience === 'commander'
        ? ' Ask your security lead to add you to RESPONDERS.'
        : '';
  return `Only ${who} can ${ACTION_WORDS[action]}.${fix}`;
}

async function isViewerOfPrivate(deps: AccessDeps, actor: Actor, incident: Incident): Promise<boolean> {
  // Role holders and the reporter without a query.
  if (isParticipant(incident, actor.id)) return true;
  // Asking from inside the incident's channel proves membership without a Slack call.
  if (incident.channelId && actor.channelId === incident.channelId) return true;
  // Responders before Slack: they see every private incident, so their lists cost no membership look-up.
  if (await deps.isResponder(actor.id)) return true;
  // The rest of the participants (step assignees) cost a query; still before asking Slack.
  if (await isParticipantOf(deps.db, incident, actor.id)) return true;
  if (!incident.channelId || !deps.isChannelMember) return false;
  try {
    return await deps.isChannelMember(incident.channelId, actor.id);
  } catch (err) {
    // Slack could not say: neither shown nor called an outsider; lists mark the answer incomplete (incidents/read.ts).
    throw new AppError('membership_unknown', `Slack did not say whether you are in ${incident.ref}’s channel, so it is not shown. Try again in a minute.`, { ref: incident.ref }, { cause: err });
  }
}
