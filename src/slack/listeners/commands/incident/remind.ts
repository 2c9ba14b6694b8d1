// `/incident remind [INC-n] snooze <30m|2h|tomorrow>` and `/incident remind [INC-n] stop`: what the reminder's Snooze
// and Stop buttons do, for someone who would rather type (or whose reminder message is gone). Core checks who may.
import type { Actor } from '../../../../core/index.js';
import { message } from '../../../blocks/message.js';
import { md, slackDate } from '../../../blocks/mrkdwn.js';
import type { IncidentRequest } from '../../../parse/command.js';
import type { Outcome, SlackDeps } from '../../../deps.js';

/** Snoozes an incident's update reminder (choice: 30m, 2h or tomorrow) and says until when. */
export async function snoozeReminder(deps: SlackDeps, actor: Actor, ref: string | undefined, choice: string): Promise<Outcome> {
  const { incident, until } = await deps.core.reminders.snooze(actor, ref, choice);
  return { reply: message(md`:zzz: *${incident.ref}*'s update reminder is snoozed until ${slackDate(until!)}.`) };
}

/** Stops an incident's update reminders (until it is reopened after ending). */
export async function stopReminders(deps: SlackDeps, actor: Actor, ref: string | undefined): Promise<Outcome> {
  const { incident } = await deps.core.reminders.stop(actor, ref);
  return { reply: message(md`:no_bell: *${incident.ref}*'s update reminders are stopped.`) };
}

/** The `/incident remind` subcommand. */
export function remind(deps: SlackDeps, actor: Actor, req: Extract<IncidentRequest, { sub: 'remind' }>): Promise<Outcome> {
  return req.action === 'stop' ? stopReminders(deps, actor, req.ref) : snoozeReminder(deps, actor, req.ref, req.choice);
}
