// The incident card's buttons: Change status, Change severity, Assign roles and Add a note open a modal for the
// incident named in the button's value (Start playbook and Write the review are the existing buttons). Someone who may
// not see the incident is refused at once, ephemerally; whether they may make the change is decided by the same core
// use case as the slash command, when the modal is submitted.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Actor } from '../../../core/index.js';
import { AppError } from '../../../shared/errors.js';
import { noteModal, roleModal, severityModal, statusModal, type CardModalMetadata } from '../../blocks/card-modals.js';
import type { Outcome, SlackDeps } from '../../deps.js';
import { BUTTON } from '../../ids.js';
import { finishAction, tellVia } from '../../respond.js';

type ModalFor = (incident: Awaited<ReturnType<SlackDeps['core']['show']>>['incident'], meta: CardModalMetadata) => object;

/** Registers the four buttons. */
export function register(app: App, deps: SlackDeps): void {
  const on = (actionId: string, modalFor: ModalFor) =>
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
      const actor: Actor = { id: body.user.id, source: 'slack-button', ...(body.channel?.id ? { channelId: body.channel.id } : {}) };
      await finishAction(
        deps,
        ack,
        () => openModal(deps, actor, action.value ?? '', body.trigger_id, modalFor),
        { client, tell: tellVia(respond) },
        { what: action.action_id, user: actor.id },
      );
    });
  on(BUTTON.cardStatus, statusModal);
  on(BUTTON.cardSeverity, severityModal);
  on(BUTTON.cardRoles, roleModal);
  on(BUTTON.cardNote, noteModal);
}

/** Checks the incident is one the person may see, then opens the modal first thing after the ack. */
async function openModal(deps: SlackDeps, actor: Actor, ref: string, triggerId: string, modalFor: ModalFor): Promise<Outcome> {
  if (!/^INC-\d+$/.test(ref)) throw new AppError('unknown_incident', 'That button is not from a Rampart incident card.');
  const { incident, redacted } = await deps.core.show(actor, ref);
  if (redacted) throw new AppError('not_authorized', `${incident.ref} is private: only the people working on it can change it.`);
  const view = modalFor(incident, { ref: incident.ref, ...(actor.channelId ? { channel: actor.channelId } : {}) });
  return { after: async ({ client }) => void (await client.views.open({ trigger_id: triggerId, view: view as never })) };
}
