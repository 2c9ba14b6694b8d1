// Done and Reassign on follow-ups (the list and an owner's reminder). Done changes the follow-up at once; Reassign
// opens a form with a person picker. Either way core checks who may, and the reply says what happened.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Actor } from '../../../core/index.js';
import { AppError } from '../../../shared/errors.js';
import { reassignModal } from '../../blocks/followups.js';
import { message } from '../../blocks/message.js';
import { md } from '../../blocks/mrkdwn.js';
import { BUTTON } from '../../ids.js';
import { finishAction, tellVia } from '../../respond.js';
import type { Outcome, SlackDeps } from '../../deps.js';

/** Registers the two buttons. */
export function register(app: App, deps: SlackDeps): void {
  const on = (actionId: string, handler: (actor: Actor, id: number, triggerId: string) => Promise<Outcome>) =>
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
      const actor: Actor = { id: body.user.id, source: 'slack-button', ...(body.channel?.id ? { channelId: body.channel.id } : {}) };
      await finishAction(deps, ack, () => handler(actor, followupId(action.value), body.trigger_id), { client, tell: tellVia(respond) }, { what: actionId, user: actor.id });
    });
  on(BUTTON.followupDone, async (actor, id) => {
    const result = await deps.core.followups.done(actor, id);
    return { reply: message(md`${result.changed ? ':white_check_mark: ' : ':information_source: '}${result.message}`) };
  });
  on(BUTTON.followupReassign, async (actor, id, triggerId) => {
    const { incident, followup } = await deps.core.followups.get(actor, id);
    const view = reassignModal(followup, incident.ref, { id, ...(actor.channelId ? { channel: actor.channelId } : {}) });
    return { after: async ({ client }) => void (await client.views.open({ trigger_id: triggerId, view })) };
  });
}

function followupId(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('invalid_input', 'That button is not from a Rampart follow-up.');
  return id;
}
