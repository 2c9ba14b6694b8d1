// The buttons on reminders: Post update (opens a note modal), Snooze (30 min, 2 h, until tomorrow), Stop, and the
// missing-commander nudge's Take command. Each value is the incident's reference; core checks who may press them.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Actor } from '../../../core/index.js';
import { AppError } from '../../../shared/errors.js';
import { message } from '../../blocks/message.js';
import { md } from '../../blocks/mrkdwn.js';
import { updateNoteModal } from '../../blocks/reminders.js';
import type { Outcome, SlackDeps } from '../../deps.js';
import { BUTTON, SNOOZE_BUTTONS } from '../../ids.js';
import { finishAction, tellVia } from '../../respond.js';
import { snoozeReminder, stopReminders } from '../commands/incident/remind.js';

/** Registers the reminder buttons. */
export function register(app: App, deps: SlackDeps): void {
  const on = (actionId: string, work: (actor: Actor, ref: string, triggerId: string) => Promise<Outcome>) =>
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
      const actor: Actor = { id: body.user.id, source: 'slack-button', ...(body.channel?.id ? { channelId: body.channel.id } : {}) };
      await finishAction(
        deps,
        ack,
        () => {
          if (!action.value) throw new AppError('invalid_input', 'That button is not from a Rampart reminder.');
          return work(actor, action.value, body.trigger_id);
        },
        { client, tell: tellVia(respond) },
        { what: action.action_id, user: actor.id },
      );
    });

  // Checked before the ack (the incident exists and the clicker may add to it), then the modal opens right after it.
  on(BUTTON.postUpdate, async (actor, ref, triggerId) => {
    const { incident, redacted } = await deps.core.show(actor, ref);
    if (redacted) throw new AppError('not_authorized', `Only the people working on ${incident.ref} and responders can post its updates.`);
    return { after: async ({ client }) => void (await client.views.open({ trigger_id: triggerId, view: updateNoteModal(incident.ref) })) };
  });
  for (const [actionId, choice] of Object.entries(SNOOZE_BUTTONS)) on(actionId, (actor, ref) => snoozeReminder(deps, actor, ref, choice));
  on(BUTTON.stopReminders, (actor, ref) => stopReminders(deps, actor, ref));
  // Through the usual assignment: the same access rule (responders, or the commander) and the same channel post and brief.
  on(BUTTON.takeCommand, async (actor, ref) => {
    const { incident } = await deps.core.assignRole(actor, ref, 'commander', actor.id);
    return { reply: message(md`:white_check_mark: You are now *commander* of *${incident.ref}*.`) };
  });
}
