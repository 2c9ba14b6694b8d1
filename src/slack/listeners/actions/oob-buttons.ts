// Acknowledge on the posted out-of-band plan: records that the person has read that version (once per person and
// version) and tells them so, privately; a newer version is mentioned so they read that one too.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Actor } from '../../../core/index.js';
import { message } from '../../blocks/message.js';
import { md } from '../../blocks/mrkdwn.js';
import { BUTTON } from '../../ids.js';
import { finishAction, tellVia } from '../../respond.js';
import type { SlackDeps } from '../../deps.js';

/** Registers the Acknowledge button. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(BUTTON.oobAcknowledge, async ({ ack, body, action, client, respond }) => {
    const actor: Actor = { id: body.user.id, source: 'slack-button', ...(body.channel?.id ? { channelId: body.channel.id } : {}) };
    await finishAction(
      deps,
      ack,
      async () => {
        const done = await deps.core.oob.acknowledge(actor, action.value ?? '');
        const said = done.recorded ? md`:white_check_mark: Thank you: you acknowledged version \`${done.version}\` of the out-of-band plan.` : md`:information_source: You had already acknowledged version \`${done.version}\`.`;
        const newer = done.newer ? md` The plan has changed since (version \`${done.newer}\`); it will be posted again for you to read.` : md``;
        return { reply: message(md`${said}${newer}`) };
      },
      { client, tell: tellVia(respond) },
      { what: BUTTON.oobAcknowledge, user: actor.id },
    );
  });
}
