// Submission of the promote-a-lesson form: a problem goes back to its field; once stored, the tip is queued.
import type { App } from '@slack/bolt';
import { isAppError } from '../../../shared/errors.js';
import { userTextFor } from '../../errors.js';
import { message } from '../../blocks/message.js';
import { md } from '../../blocks/mrkdwn.js';
import { decodeOrUndefined, FOREIGN_FORM } from '../../parse/view-metadata.js';
import { CALLBACK, TIP_FIELD } from '../../ids.js';
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
      // Core checks again on submission (admin, and allowed to see the incident): the form was opened for one incident,
      // but its private_metadata is the client's to send, and the admin may have been removed since.
      promoted = await deps.core.lessons.promote({ id: body.user.id, source: 'slack-modal' }, ref, { title: value(TIP_FIELD.title), body: value(TIP_FIELD.body), do: value(TIP_FIELD.do), dont: value(TIP_FIELD.dont) });
    } catch (err) {
      const field = isAppError(err) ? (TIP_FIELD as Record<string, string>)[String(err.details.field)] : undefined;
      await ack({ response_action: 'errors', errors: { [field ?? TIP_FIELD.body]: (isAppError(err) ? err.message : userTextFor(err, deps.logger)).slice(0, 150) } });
      return;
    }
    await ack();
    deps.background.afterAck('promote lesson', async () => {
      // A direct message: only the admin who wrote the tip is told what was removed from it.
      const text = md`:inbox_tray: The lesson from ${ref} is now the tip \`${promoted.tip.id}\`, queued to go out next.`;
      await client.chat.postMessage({ channel: body.user.id, ...message(withRotateWarning(text, promoted.redacted)) });
    });
  });
}
