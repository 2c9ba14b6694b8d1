// Submission of the declare modal. Field problems go back to the modal as inline errors; once declared, the modal
// closes and the Slack setup follows the ack.
import type { App, ViewOutput } from '@slack/bolt';
import { isAppError } from '../../../shared/errors.js';
import type { Actor } from '../../../core/index.js';
import { decodeMetadata } from '../../blocks/declare-modal.js';
import { ACTION, BLOCK, CALLBACK, OPTION } from '../../ids.js';
import { setUpIncidentInSlack } from '../../services/incident-channel.js';
import { userTextFor } from '../../errors.js';
import { message } from '../../blocks/message.js';
import type { SlackDeps } from '../../deps.js';
import { rotateWarning, withRotateWarning } from '../../blocks/redaction.js';
import { md } from '../../blocks/mrkdwn.js';

/** Registers the modal's submission handler. */
export function register(app: App, deps: SlackDeps): void {
  app.view(CALLBACK.declareModal, async ({ ack, view, body, client }) => {
    const meta = decodeMetadata(view.private_metadata);
    const fields = readFields(view);
    const actor: Actor = { id: body.user.id, source: meta.source ? 'slack-shortcut' : 'slack-modal' };
    let declared;
    try {
      declared = await deps.core.declare(actor, { ...fields, ...(meta.source ? { sourceMessage: meta.source } : {}) });
    } catch (err) {
      if (isAppError(err)) {
        // Show the problem next to the field it concerns.
        const block = err.code === 'unknown_type' ? BLOCK.type : err.code === 'invalid_severity' ? BLOCK.severity : err.details.field === 'title' ? BLOCK.title : BLOCK.description;
        await ack({ response_action: 'errors', errors: { [block]: err.message.slice(0, 150) } });
        return;
      }
      await ack({ response_action: 'errors', errors: { [BLOCK.title]: userTextFor(err, deps.logger).slice(0, 150) } });
      return;
    }
    await ack();
    deps.background.afterAck('declare from modal', async () => {
      const reported = rotateWarning(meta.redacted, 'reported');
      const confirmed = withRotateWarning(await setUpIncidentInSlack(deps, declared), declared.redacted);
      const { text } = message(reported ? md`${confirmed}\n${reported}` : confirmed);
      // The modal has no response_url: confirm where the request came from, or by direct message.
      const channel = meta.originChannel ?? meta.source?.channel;
      try {
        if (channel) await client.chat.postEphemeral({ channel, user: actor.id, text });
        else await client.chat.postMessage({ channel: actor.id, text });
      } catch {
        await client.chat.postMessage({ channel: actor.id, text }).catch((err: unknown) => deps.logger.warn({ err }, 'could not confirm the declaration'));
      }
    });
  });
}

/** The declaration fields from the modal's state. */
function readFields(view: ViewOutput) {
  const v = view.state.values;
  const options = (v[BLOCK.options]?.[ACTION.options]?.selected_options ?? []).map((o) => o.value);
  return {
    title: v[BLOCK.title]?.[ACTION.title]?.value ?? '',
    description: v[BLOCK.description]?.[ACTION.description]?.value ?? '',
    type: v[BLOCK.type]?.[ACTION.type]?.selected_option?.value ?? 'other',
    severity: v[BLOCK.severity]?.[ACTION.severity]?.selected_option?.value ?? 'sev3',
    private: options.includes(OPTION.private),
    drill: options.includes(OPTION.drill),
  };
}
