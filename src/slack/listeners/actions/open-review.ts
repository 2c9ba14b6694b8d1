// The Write the review button (offered when an incident is closed without a review, or closing needs one first).
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Actor } from '../../../core/index.js';
import { BUTTON } from '../../ids.js';
import { finishAction, tellVia } from '../../respond.js';
import type { SlackDeps } from '../../deps.js';
import { openReviewModal } from '../commands/incident/review.js';

/** Registers the button: it opens the review modal of the incident in its value. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(BUTTON.writeReview, async ({ ack, body, action, client, respond }) => {
    const actor: Actor = { id: body.user.id, source: 'slack-button', ...(body.channel?.id ? { channelId: body.channel.id } : {}) };
    await finishAction(
      deps,
      ack,
      () => openReviewModal(deps, actor, action.value || undefined, body.trigger_id),
      { client, tell: tellVia(respond) },
      { what: action.action_id, user: actor.id },
    );
  });
}
