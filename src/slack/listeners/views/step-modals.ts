// Submissions of the step modals: a skip reason, an assignee, a note or confirmation for Done. A problem with what
// was typed goes back to the field; once stored, the modal closes and the checklist is refreshed after the ack.
import { rotateWarning } from '../../blocks/redaction.js';
import type { App, ViewOutput } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isAppError } from '../../../shared/errors.js';
import type { Actor, StepAction } from '../../../core/index.js';
import { decodeStepMetadata, type StepModalMetadata } from '../../blocks/step-modals.js';
import { userTextFor } from '../../errors.js';
import type { Reply, SlackDeps } from '../../deps.js';
import { decodeOrUndefined, FOREIGN_FORM } from '../../parse/view-metadata.js';
import { ACTION, BLOCK, CALLBACK } from '../../ids.js';
import { refresher, replyFor } from '../actions/step-buttons.js';
import { message } from '../../blocks/message.js';

/** Registers the three submissions. */
export function register(app: App, deps: SlackDeps): void {
  const on = (callbackId: string, field: string, read: (v: ViewOutput['state']['values']) => StepAction) =>
    app.view(callbackId, async ({ ack, view, body, client }) => {
      const meta = decodeOrUndefined(decodeStepMetadata, view.private_metadata);
      if (!meta) return ack({ response_action: 'errors', errors: { [field]: FOREIGN_FORM } });
      const actor: Actor = { id: body.user.id, source: 'slack-modal', ...(meta.channel ? { channelId: meta.channel } : {}) };
      let result;
      try {
        result = await deps.core.playbooks.changeStep(actor, meta, read(view.state.values));
      } catch (err) {
        const message = isAppError(err) ? err.message : userTextFor(err, deps.logger, { what: callbackId });
        await ack({ response_action: 'errors', errors: { [field]: message.slice(0, 150) } });
        return;
      }
      await ack();
      const { reply } = replyFor(result);
      deps.background.afterAck(callbackId, async () => {
        const tell = tellInChannel(client, meta, actor.id);
        await refresher(deps, meta.runId)!({ client, tell });
        if (reply) await tell(reply);
        const warning = rotateWarning(result.redacted);
        if (warning) await tell(message(warning));
      });
    });
  on(CALLBACK.stepSkip, BLOCK.reason, (v) => ({ kind: 'skip', reason: v[BLOCK.reason]?.[ACTION.reason]?.value ?? '' }));
  on(CALLBACK.stepAssign, BLOCK.assignee, (v) => ({ kind: 'assign', userId: v[BLOCK.assignee]?.[ACTION.assignee]?.selected_user ?? '' }));
  on(CALLBACK.stepDone, BLOCK.note, (v) => {
    const note = v[BLOCK.note]?.[ACTION.note]?.value ?? '';
    const confirmed = (v[BLOCK.confirm]?.[ACTION.confirm]?.selected_options ?? []).length > 0;
    return { kind: 'done', ...(note ? { note } : {}), ...(confirmed ? { confirmed } : {}) };
  });
}

/** A modal has no response_url: tell the person in the channel the button was in, ephemerally. */
function tellInChannel(client: WebClient, meta: StepModalMetadata, user: string) {
  return async (reply: Reply) => {
    if (meta.channel) await client.chat.postEphemeral({ channel: meta.channel, user, text: reply.text });
    else await client.chat.postMessage({ channel: user, text: reply.text });
  };
}
