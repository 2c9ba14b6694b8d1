// The Home tab's own buttons: Declare incident opens the declare modal (Report something suspicious is the awareness
// tip's button, handled in awareness-buttons.ts), and Previous and Next turn the page. A Home tab has no
// response_url, so errors are published nowhere but the log; the page turn is remembered, so refreshes keep it.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { BUTTON } from '../../ids.js';
import { AppError } from '../../../shared/errors.js';
import { finishAction, tellVia } from '../../respond.js';
import type { SlackDeps } from '../../deps.js';
import { openDeclareModal } from '../commands/incident/declare.js';
import { openAndPublishHome } from '../../services/home.js';

/** Registers the Home tab's buttons. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(BUTTON.homeDeclare, async ({ ack, body, client, respond }) => {
    // No origin channel: the declaration is confirmed by direct message.
    await finishAction(deps, ack, async () => openDeclareModal(deps, body.trigger_id, ''), { client, tell: tellVia(respond) }, { what: 'home declare', user: body.user.id });
  });
  for (const id of [BUTTON.homePrevious, BUTTON.homeNext]) {
    app.action<BlockAction<ButtonAction>>(id, async ({ ack, body, action, client, respond }) => {
      // Our buttons carry a page number; anything else is not from our Home tab and changes nothing (not even the
      // remembered page), as for every other button with a value we did not give it.
      const page = /^[1-9][0-9]{0,5}$/.test(action.value ?? '') ? Number(action.value) : undefined;
      await finishAction(
        deps,
        ack,
        async () => {
          if (page === undefined) throw new AppError('invalid_input', 'That page button is not from your Home tab.');
          return { after: () => openAndPublishHome(deps.core, client, body.user.id, page) };
        },
        { client, tell: tellVia(respond) },
        { what: 'home page', user: body.user.id },
      );
    });
  }
}
