// The buttons on an awareness post. Got it is recorded once per person and the count on the message is updated;
// Report something suspicious opens the declare form (the incident starts in triage, as every report does).
import { message } from '../../blocks/message.js';
import { md } from '../../blocks/mrkdwn.js';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { AppError } from '../../../shared/errors.js';
import { awarenessMessage } from '../../blocks/awareness.js';
import { BUTTON } from '../../ids.js';
import { finishAction, tellVia } from '../../respond.js';
import type { SlackDeps } from '../../deps.js';
import { openDeclareModal } from '../commands/incident/declare.js';

/** Registers both buttons. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(BUTTON.awarenessAck, async ({ ack, body, client, respond }) => {
    await finishAction(
      deps,
      ack,
      async () => {
        const channel = body.channel?.id;
        const ts = body.message?.ts;
        if (!channel || !ts) throw new AppError('invalid_input', 'That button is not on an awareness tip.');
        const result = await deps.core.awareness.acknowledge({ id: body.user.id, source: 'slack-button' }, channel, ts);
        const tip = await deps.core.awareness.tip(result.tipId);
        return {
          reply: message(result.first ? md`:raised_hands: Thanks! Noted that you read it.` : md`You already pressed *Got it* on this one. Thanks!`),
          after: async () => {
            if (!result.first || !tip) return;
            const updated = awarenessMessage(tip, result.slotKey, result.count);
            await client.chat.update({ channel, ts, text: updated.text, blocks: updated.blocks as never[] });
          },
        };
      },
      { client, tell: tellVia(respond) },
      { what: 'awareness ack', user: body.user.id },
    );
  });
  app.action<BlockAction<ButtonAction>>(BUTTON.awarenessReport, async ({ ack, body, client, respond }) => {
    await finishAction(deps, ack, async () => openDeclareModal(deps, body.trigger_id, body.channel?.id ?? ''), { client, tell: tellVia(respond) }, { what: 'awareness report', user: body.user.id });
  });
}
