// Confirm / Cancel on the warning about open work before resolving or closing. Confirm makes the change as it stands
// now (core checks access, the transition and the review rule again); either button replaces the warning, so it
// cannot be clicked twice by mistake.
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { Actor } from '../../../core/index.js';
import { AppError } from '../../../shared/errors.js';
import { message } from '../../blocks/message.js';
import { md, type Mrkdwn } from '../../blocks/mrkdwn.js';
import { drillPrefix } from '../../blocks/drill.js';
import { parsePendingValue } from '../../blocks/open-work.js';
import { BUTTON } from '../../ids.js';
import { ephemeral, finishAction } from '../../respond.js';
import type { AfterAck, Outcome, SlackDeps } from '../../deps.js';
import { applyStatus } from '../commands/incident/change.js';

/** Registers the two buttons. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(BUTTON.confirmStatus, async ({ ack, body, action, client, respond }) => {
    const actor = actorOf(body);
    await finishAction(deps, ack, () => confirm(deps, actor, action.value ?? ''), { client, tell: replacingFirst(respond) }, { what: action.action_id, user: actor.id });
  });
  app.action<BlockAction<ButtonAction>>(BUTTON.cancelStatus, async ({ ack, body, action, client, respond }) => {
    const actor = actorOf(body);
    await finishAction(deps, ack, async () => ({ reply: message(cancelled(action.value ?? '')) }), { client, tell: replacingFirst(respond) }, { what: action.action_id, user: actor.id });
  });
}

function actorOf(body: BlockAction): Actor {
  return { id: body.user.id, source: 'slack-button', ...(body.channel?.id ? { channelId: body.channel.id } : {}) };
}

function cancelled(value: string): Mrkdwn {
  const pending = parsePendingValue(value);
  return pending ? md`${drillPrefix(pending)}:information_source: Nothing changed on *${pending.ref}*.` : md`:information_source: Nothing changed.`;
}

async function confirm(deps: SlackDeps, actor: Actor, value: string): Promise<Outcome> {
  const pending = parsePendingValue(value);
  if (!pending) throw new AppError('invalid_input', 'That button is not from a Rampart status warning.');
  const outcome = await applyStatus(deps, actor, pending);
  // In the incident channel the channel post is the only answer; the warning is still replaced, so it goes away.
  const reply = outcome.reply ?? message(md`${drillPrefix(pending)}:white_check_mark: Done; the change is posted in this channel.`);
  return {
    after: async (ctx) => {
      await ctx.tell(reply);
      await outcome.after?.(ctx);
    },
  };
}

/** Tells through the response_url: the first message replaces the warning, later ones are new ephemeral messages. */
function replacingFirst(respond: RespondFn | undefined): AfterAck['tell'] {
  let replaced = false;
  return async (reply) => {
    if (!respond) return;
    const first = !replaced;
    replaced = true;
    await respond({ ...ephemeral(reply), ...(first ? { replace_original: true } : {}) });
  };
}
