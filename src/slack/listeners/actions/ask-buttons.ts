// Yes, No and Not sure on a "was this you?" direct message. Core records the answer once, for the person asked only;
// the reply says what happened, and the message itself is updated through the outbox.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Actor, AskAnswer } from '../../../core/index.js';
import { AppError } from '../../../shared/errors.js';
import { ANSWER_BUTTONS, answerReply } from '../../blocks/asks.js';
import { finishAction, tellVia } from '../../respond.js';
import type { SlackDeps } from '../../deps.js';

/** Registers the three buttons. */
export function register(app: App, deps: SlackDeps): void {
  for (const { answer, actionId } of ANSWER_BUTTONS) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
      const actor: Actor = { id: body.user.id, source: 'slack-button', ...(body.channel?.id ? { channelId: body.channel.id } : {}) };
      await finishAction(deps, ack, () => answered(deps, actor, askId(action.value), answer), { client, tell: tellVia(respond) }, { what: actionId, user: actor.id });
    });
  }
}

async function answered(deps: SlackDeps, actor: Actor, id: number, answer: AskAnswer) {
  return { reply: answerReply(await deps.core.asks.answer(actor, id, answer)) };
}

function askId(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('invalid_input', 'That button is not from a Rampart question.');
  return id;
}
