// The "Report as incident" message shortcut: opens the declare modal pre-filled with the message, which is then
// recorded on the timeline as the incident's source.
import type { App, MessageShortcut } from '@slack/bolt';
import { declareModal } from '../../blocks/declare-modal.js';
import { CALLBACK } from '../../ids.js';
import type { SlackDeps } from '../../deps.js';

/** Registers the shortcut. */
export function register(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>(CALLBACK.reportMessageShortcut, async ({ ack, shortcut, client }) => {
    await ack();
    // A global shortcut given this callback id carries no message to report.
    if ((shortcut as { type: string }).type !== 'message_action') return;
    const message = shortcut.message;
    // The form shows the message back and carries it in its metadata: both get the text as it will be stored.
    // What was removed is carried in the form's metadata: the reporter is told to have it rotated once they submit.
    const { text, found } = deps.core.redact(message.text ?? '');
    const redacted = found.length > 0 ? { redacted: found } : {};
    const author = message.user ?? (message as { bot_id?: string }).bot_id ?? 'unknown';
    deps.background.afterAck('report message', async () => {
      // The trigger id lives 3 seconds: open the modal first, then fetch the permalink and update it.
      const firstLine = text.split('\n')[0]?.trim() ?? '';
      const title = firstLine.length > 0 ? `Reported message: ${firstLine}`.slice(0, 150) : 'Reported message';
      const source = { channel: shortcut.channel.id, ts: message.ts, author, permalink: null as string | null, text };
      const opened = await client.views.open({
        trigger_id: shortcut.trigger_id,
        view: declareModal({ types: deps.core.incidentTypes, prefill: { title, description: text }, metadata: { source, ...redacted } }),
      });
      try {
        const link = await client.chat.getPermalink({ channel: shortcut.channel.id, message_ts: message.ts });
        source.permalink = link.permalink ?? null;
        const description = source.permalink ? `${text}\n\nReported message: ${source.permalink}` : text;
        await client.views.update({
          view_id: opened.view!.id!,
          hash: opened.view!.hash!,
          view: declareModal({ types: deps.core.incidentTypes, prefill: { title, description }, metadata: { source, ...redacted } }),
        });
      } catch (err) {
        // Without a permalink the report still works; the timeline keeps channel and ts.
        deps.logger.warn({ err }, 'could not add the permalink to the report form');
      }
    });
  });
}
