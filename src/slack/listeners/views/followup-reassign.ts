// The Reassign form's submission: the new owner is stored (with its timeline event) before the form closes; a problem
// goes back next to the person picker.
import type { App } from '@slack/bolt';
import type { Actor } from '../../../core/index.js';
import { isAppError } from '../../../shared/errors.js';
import { decodeReassignMetadata } from '../../blocks/followups.js';
import { message } from '../../blocks/message.js';
import { md } from '../../blocks/mrkdwn.js';
import { userTextFor } from '../../errors.js';
import type { SlackDeps } from '../../deps.js';
import { ACTION, BLOCK, CALLBACK } from '../../ids.js';
import { decodeOrUndefined, FOREIGN_FORM } from '../../parse/view-metadata.js';

/** Registers the submission. */
export function register(app: App, deps: SlackDeps): void {
  app.view(CALLBACK.followupReassign, async ({ ack, view, body, client }) => {
    const meta = decodeOrUndefined(decodeReassignMetadata, view.private_metadata);
    if (!meta) return ack({ response_action: 'errors', errors: { [BLOCK.assignee]: FOREIGN_FORM } });
    const actor: Actor = { id: body.user.id, source: 'slack-modal', ...(meta.channel ? { channelId: meta.channel } : {}) };
    const userId = view.state.values[BLOCK.assignee]?.[ACTION.assignee]?.selected_user ?? '';
    let result;
    try {
      result = await deps.core.followups.reassign(actor, meta.id, userId);
    } catch (err) {
      const text = isAppError(err) ? err.message : userTextFor(err, deps.logger, { what: CALLBACK.followupReassign });
      return ack({ response_action: 'errors', errors: { [BLOCK.assignee]: text.slice(0, 150) } });
    }
    await ack();
    const reply = message(md`${result.changed ? ':white_check_mark: ' : ':information_source: '}${result.message}`);
    deps.background.afterAck(CALLBACK.followupReassign, async () => {
      // A modal has no response_url: the reply goes where the button was, ephemerally, or by direct message.
      if (meta.channel) await client.chat.postEphemeral({ channel: meta.channel, user: actor.id, text: reply.text });
      else await client.chat.postMessage({ channel: actor.id, text: reply.text });
    });
  });
}
