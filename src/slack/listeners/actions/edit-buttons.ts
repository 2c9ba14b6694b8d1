// The buttons of the "make it public?" question: Confirm makes the change (core checks everything again, since the
// incident may have changed since the question), Cancel says nothing changed. Both replace the question.
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { Actor } from '../../../core/index.js';
import { message } from '../../blocks/message.js';
import { md } from '../../blocks/mrkdwn.js';
import { BUTTON } from '../../ids.js';
import { finishAction } from '../../respond.js';
import type { AfterAck, SlackDeps } from '../../deps.js';
import { applyEdit } from '../commands/incident/edit.js';

/** Registers Confirm and Cancel. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(BUTTON.confirmPublic, async ({ ack, body, action, client, respond }) => {
    const actor: Actor = { id: body.user.id, source: 'slack-button', ...(body.channel?.id ? { channelId: body.channel.id } : {}) };
    await finishAction(
      deps,
      ack,
      async () => {
        const outcome = await applyEdit(deps, actor, action.value ?? '', { field: 'private', to: false }, true);
        // The question is replaced by the answer; in the incident channel the channel post is the answer.
        return { reply: outcome.reply ?? message(md`:white_check_mark: Done: *${action.value ?? ''}* is public.`), ...(outcome.after ? { after: outcome.after } : {}) };
      },
      { client, tell: replaceVia(respond) },
      { what: action.action_id, user: actor.id },
    );
  });
  app.action<BlockAction<ButtonAction>>(BUTTON.cancelEdit, async ({ ack, action, body, client, respond }) => {
    await finishAction(
      deps,
      ack,
      async () => ({ reply: message(md`Cancelled: *${action.value ?? ''}* is unchanged.`) }),
      { client, tell: replaceVia(respond) },
      { what: action.action_id, user: body.user.id },
    );
  });
}

/** Tells the clicker by replacing the message the buttons were on. */
function replaceVia(respond: RespondFn | undefined): AfterAck['tell'] {
  return async (reply) => {
    if (!respond) return;
    await respond({ replace_original: true, text: reply.text, ...(reply.blocks ? { blocks: reply.blocks as never[] } : {}) });
  };
}
