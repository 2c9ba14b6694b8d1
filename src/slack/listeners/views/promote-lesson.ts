// Submission of the promote-a-lesson form: a problem goes back to its field; once stored, the tip is queued.
import type { App } from '@slack/bolt';
import { isAppError } from '../../../core/errors.js';
import { userMessageFor } from '../../errors.js';
import { decodeOrUndefined, FOREIGN_FORM } from '../../parse/view-metadata.js';
import { CALLBACK, TIP_FIELD } from '../../ids.js';
import { requireAdmin } from '../commands/awareness.js';
import { withRotateWarning } from '../../blocks/redaction.js';
import type { SlackDeps } from '../../deps.js';

/** Registers the submission handler. */
export function register(app: App, deps: SlackDeps): void {
  app.view(CALLBACK.promoteLesson, async ({ ack, view, body, client }) => {
    const ref = decodeOrUndefined((raw) => (JSON.parse(raw) as { ref?: unknown }).ref, view.private_metadata);
    if (typeof ref !== 'string') return ack({ response_action: 'errors', errors: { [TIP_FIELD.body]: FOREIGN_FORM } });
    const value = (id: string) => view.state.values[id]?.[id]?.value ?? '';
    let promoted;
    try {
      // Checked again on submission: the form was opened for an admin, who may have been removed since.
      await requireAdmin(deps, body.user.id);
      promoted = await deps.awareness.promote(body.user.id, ref, { title: value(TIP_FIELD.title), body: value(TIP_FIELD.body), do: value(TIP_FIELD.do), dont: value(TIP_FIELD.dont) });
    } catch (err) {
      const field = isAppError(err) ? (TIP_FIELD as Record<string, string>)[String(err.details.field)] : undefined;
      await ack({ response_action: 'errors', errors: { [field ?? TIP_FIELD.body]: (isAppError(err) ? err.message : userMessageFor(err, deps.logger)).slice(0, 150) } });
      return;
    }
    await ack();
    deps.background.afterAck('promote lesson', async () => {
      const text = `:inbox_tray: The lesson from ${ref} is now the tip \`${promoted.tip.id}\`, queued to go out next.`;
      // A direct message: only the admin who wrote the tip is told what was removed from it.
      await client.chat.postMessage({ channel: body.user.id, text: withRotateWarning(text, promoted.redacted) });
    });
  });
}
