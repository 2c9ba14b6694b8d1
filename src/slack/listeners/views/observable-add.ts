// The Add observable form's submission: the observable is stored (with its timeline event) before the form closes; a
// value core refuses goes back next to the field, and the reply goes where the command was typed.
import type { App } from '@slack/bolt';
import type { Actor, ObservableType } from '../../../core/index.js';
import { parseObservableType } from '../../../core/index.js';
import { isAppError } from '../../../shared/errors.js';
import { decodeObservableModalMetadata, observableChangeMessage } from '../../blocks/observables.js';
import { userTextFor } from '../../errors.js';
import type { SlackDeps } from '../../deps.js';
import { ACTION, BLOCK, CALLBACK } from '../../ids.js';
import { decodeOrUndefined, FOREIGN_FORM } from '../../parse/view-metadata.js';
import { alsoIn } from '../commands/incident/observables.js';

/** Registers the submission. */
export function register(app: App, deps: SlackDeps): void {
  app.view(CALLBACK.observableAdd, async ({ ack, view, body, client }) => {
    const meta = decodeOrUndefined(decodeObservableModalMetadata, view.private_metadata);
    if (!meta) return ack({ response_action: 'errors', errors: { [BLOCK.observableValue]: FOREIGN_FORM } });
    const actor: Actor = { id: body.user.id, source: 'slack-modal', ...(meta.channel ? { channelId: meta.channel } : {}) };
    const values = view.state.values;
    const value = values[BLOCK.observableValue]?.[ACTION.observableValue]?.value ?? '';
    const typeWord = values[BLOCK.observableType]?.[ACTION.observableType]?.selected_option?.value;
    const type: ObservableType | undefined = typeWord ? parseObservableType(typeWord) : undefined;
    let reply;
    try {
      const change = await deps.core.observables.add(actor, { ref: meta.ref, value, ...(type ? { type } : {}) });
      reply = observableChangeMessage(change, 'add', await alsoIn(deps, actor, change.incident.ref, change.observable.id));
    } catch (err) {
      const text = isAppError(err) ? err.message : userTextFor(err, deps.logger, { what: CALLBACK.observableAdd });
      return ack({ response_action: 'errors', errors: { [BLOCK.observableValue]: text.slice(0, 150) } });
    }
    await ack();
    deps.background.afterAck(CALLBACK.observableAdd, async () => {
      // A modal has no response_url: the reply goes where the command was typed, ephemerally, or by direct message.
      if (meta.channel) await client.chat.postEphemeral({ channel: meta.channel, user: actor.id, text: reply.text, blocks: reply.blocks });
      else await client.chat.postMessage({ channel: actor.id, text: reply.text, blocks: reply.blocks });
    });
  });
}
