// Follow-ups as createCore offers them: lists for people, Done and Reassign, a person's own (App Home), and the
// reminders' runDue for the scheduler (a trusted system call).
import type { Actor, CoreDeps } from '../context.js';
import { followupsForActor, openFollowupsOf, type FollowupScope } from './read.js';
import { runDueReminders } from './remind.js';
import { completeFollowup, followupForChange, reassignFollowup } from './update.js';

/** Binds follow-ups to core's dependencies. */
export function followupsApi(deps: CoreDeps) {
  return {
    /** One incident's follow-ups, the actor's own open ones, or every open one; private incidents by reference only to outsiders. */
    list: (actor: Actor, scope: FollowupScope) => followupsForActor(deps, actor, scope),
    /** A person's open follow-ups across incidents, as the actor may see them (for App Home: the actor is the person). */
    forPerson: (actor: Actor, userId: string) => openFollowupsOf(deps, actor, userId),
    /** Marks a follow-up done (anyone who may see its incident). */
    done: (actor: Actor, id: number) => completeFollowup(deps, actor, id),
    /** Gives a follow-up to another person (anyone who may see its incident). */
    reassign: (actor: Actor, id: number, userId: string) => reassignFollowup(deps, actor, id, userId),
    /** One follow-up for a Reassign form, checked like the change (writes nothing). */
    get: (actor: Actor, id: number) => followupForChange(deps, actor, id),
    /** When reminders go out: undefined when FOLLOWUP_REMINDER_CRON is off or nothing runs them. */
    schedule: () => deps.followups?.schedule,
    /** Sends the reminders of the slot due now, if any (trusted: the scheduler's call; safe on every replica at once). */
    runDue: () => (deps.followups ? runDueReminders(deps, deps.followups) : Promise.resolve([])),
  };
}
