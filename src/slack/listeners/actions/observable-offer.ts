// Add on a scan's offer (shown only to the author of the note or pin): adds that one observable, marked as offered
// from a scan. Core checks who may, as for a typed one; the offer itself never added anything.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Actor } from '../../../core/index.js';
import { AppError } from '../../../shared/errors.js';
import { decodeOffer, observableChangeMessage } from '../../blocks/observables.js';
import { BUTTON } from '../../ids.js';
import { finishAction, tellVia } from '../../respond.js';
import type { SlackDeps } from '../../deps.js';
import { alsoIn } from '../commands/incident/observables.js';

/** Registers the Add button. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(BUTTON.observableOffer, async ({ ack, body, action, client, respond }) => {
    const actor: Actor = { id: body.user.id, source: 'slack-button', ...(body.channel?.id ? { channelId: body.channel.id } : {}) };
    await finishAction(
      deps,
      ack,
      async () => {
        let offer;
        try {
          offer = decodeOffer(action.value);
        } catch {
          throw new AppError('invalid_input', 'That button is not from a Rampart observable offer.');
        }
        const change = await deps.core.observables.add(actor, { ref: offer.ref, value: offer.value, type: offer.type, origin: 'scan' });
        return { reply: observableChangeMessage(change, 'add', await alsoIn(deps, actor, change.incident.ref, change.observable.id)) };
      },
      { client, tell: tellVia(respond) },
      { what: BUTTON.observableOffer, user: actor.id },
    );
  });
}
