// The Post update modal's submission: the text becomes a note on the incident's timeline (which restarts the update
// reminder's interval). A problem with it goes back to the field; nothing is stored then.
import type { App } from '@slack/bolt';
import { isAppError } from '../../../shared/errors.js';
import type { Actor } from '../../../core/index.js';
import { userTextFor } from '../../errors.js';
import type { SlackDeps } from '../../deps.js';
import { FOREIGN_FORM } from '../../parse/view-metadata.js';
import { ACTION, BLOCK, CALLBACK } from '../../ids.js';

/** Registers the submission. */
export function register(app: App, deps: SlackDeps): void {
  app.view(CALLBACK.updateNote, async ({ ack, view, body }) => {
    const ref = view.private_metadata;
    if (!/^INC-\d{1,9}$/.test(ref)) return ack({ response_action: 'errors', errors: { [BLOCK.note]: FOREIGN_FORM } });
    const actor: Actor = { id: body.user.id, source: 'slack-modal' };
    try {
      await deps.core.addNote(actor, ref, view.state.values[BLOCK.note]?.[ACTION.note]?.value ?? '');
    } catch (err) {
      const text = isAppError(err) ? err.message : userTextFor(err, deps.logger, { what: CALLBACK.updateNote });
      return ack({ response_action: 'errors', errors: { [BLOCK.note]: text.slice(0, 150) } });
    }
    await ack();
  });
}
