// Keep open, on the notice posted when an incident closes: its channel is not archived (a channel_kept_open event).
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Actor } from '../../../core/index.js';
import { BUTTON } from '../../ids.js';
import { message } from '../../blocks/message.js';
import { drillPrefix } from '../../blocks/drill.js';
import { md } from '../../blocks/mrkdwn.js';
import { finishAction, tellVia } from '../../respond.js';
import type { SlackDeps } from '../../deps.js';

/** Registers the button: it keeps the channel of the incident named in its value. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(BUTTON.keepOpen, async ({ ack, body, action, client, respond }) => {
    const actor: Actor = { id: body.user.id, source: 'slack-button', ...(body.channel?.id ? { channelId: body.channel.id } : {}) };
    await finishAction(
      deps,
      ack,
      async () => {
        const { incident } = await deps.core.archive.keepOpen(actor, action.value || undefined);
        return { reply: message(md`${drillPrefix(incident)}:white_check_mark: *${incident.ref}*’s channel will not be archived. This is on its timeline.`) };
      },
      { client, tell: tellVia(respond) },
      { what: action.action_id, user: actor.id },
    );
  });
}
