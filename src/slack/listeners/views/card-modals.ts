// Submissions of the incident card's modals. Each calls the same core use case as its slash command (changeStatus,
// changeSeverity, assignRole, addNote), so access, validation, the timeline event and the card's refresh are the
// same. A problem with what was typed goes back to the field; a refusal closes the modal and is told ephemerally.
import type { App, ViewOutput } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { ENDING_STATUSES, parseTlp, type Actor, type Status } from '../../../core/index.js';
import { AppError, isAppError } from '../../../shared/errors.js';
import { openWorkWords } from '../../blocks/open-work.js';
import { decodeCardMetadata, type CardModalMetadata } from '../../blocks/card-modals.js';
import { message } from '../../blocks/message.js';
import { md } from '../../blocks/mrkdwn.js';
import type { SlackDeps } from '../../deps.js';
import { userTextFor } from '../../errors.js';
import { ACTION, BLOCK, CALLBACK } from '../../ids.js';
import { decodeOrUndefined, FOREIGN_FORM } from '../../parse/view-metadata.js';
import { checkAssignable } from '../../services/assignable.js';

type Values = ViewOutput['state']['values'];
type Submit = (deps: SlackDeps, actor: Actor, ref: string, v: Values) => Promise<unknown>;

/** Registers the four submissions. */
export function register(app: App, deps: SlackDeps): void {
  const on = (callbackId: string, field: string, submit: Submit) =>
    app.view(callbackId, async ({ ack, view, body, client }) => {
      const meta = decodeOrUndefined(decodeCardMetadata, view.private_metadata);
      if (!meta) return ack({ response_action: 'errors', errors: { [field]: FOREIGN_FORM } });
      const actor: Actor = { id: body.user.id, source: 'slack-modal', ...(meta.channel ? { channelId: meta.channel } : {}) };
      try {
        await submit(deps, actor, meta.ref, view.state.values);
      } catch (err) {
        if (!isAppError(err) || err.code === 'not_authorized') {
          // A refusal is not about the form: the modal closes and the person is told where they pressed the button.
          await ack();
          const text = isAppError(err) ? err.message : userTextFor(err, deps.logger, { what: callbackId });
          deps.background.afterAck(callbackId, () => tellInChannel(client, meta, actor.id, text));
          return;
        }
        await ack({ response_action: 'errors', errors: { [field]: err.message.slice(0, 150) } });
        return;
      }
      // The change is in the incident channel (its post and the card); nothing more to say.
      await ack();
    });
  on(CALLBACK.cardStatus, BLOCK.status, async (d, actor, ref, v) => {
    const status = v[BLOCK.status]?.[ACTION.status]?.selected_option?.value ?? '';
    const note = v[BLOCK.note]?.[ACTION.note]?.value ?? '';
    const confirmed = (v[BLOCK.confirm]?.[ACTION.confirm]?.selected_options ?? []).length > 0;
    if (!confirmed && ENDING_STATUSES.includes(status as Status)) {
      // Checked like the change itself (access, transition) and writing nothing, as `/incident status` does first.
      const { incident, work } = await d.core.openWork(actor, ref, status, note);
      if (work.steps + work.actionItems > 0) {
        throw new AppError('invalid_input', `${incident.ref} still has ${openWorkWords(work)}: tick "even with open work" below to go ahead.`);
      }
    }
    return d.core.changeStatus(actor, ref, status, note);
  });
  on(CALLBACK.cardSeverity, BLOCK.severity, (d, actor, ref, v) => d.core.changeSeverity(actor, ref, v[BLOCK.severity]?.[ACTION.severity]?.selected_option?.value ?? ''));
  // Slack is asked who the person is (users.info) as the slash command does, which is a Web API call: the modal is
  // closed first (Slack calls come after the ack), and a refusal is told ephemerally.
  app.view(CALLBACK.cardRole, async ({ ack, view, body, client }) => {
    const meta = decodeOrUndefined(decodeCardMetadata, view.private_metadata);
    if (!meta) return ack({ response_action: 'errors', errors: { [BLOCK.assignee]: FOREIGN_FORM } });
    const actor: Actor = { id: body.user.id, source: 'slack-modal', ...(meta.channel ? { channelId: meta.channel } : {}) };
    const v = view.state.values;
    const role = v[BLOCK.role]?.[ACTION.role]?.selected_option?.value ?? '';
    const userId = v[BLOCK.assignee]?.[ACTION.assignee]?.selected_user ?? '';
    // Registered before the ack goes out, so the app's idle() waits for it; it starts only once the ack is sent.
    const acked = ack();
    deps.background.afterAck(CALLBACK.cardRole, async () => {
      await acked;
      try {
        await checkAssignable(client, userId, role, meta.ref);
        await deps.core.assignRole(actor, meta.ref, role, userId);
      } catch (err) {
        await tellInChannel(client, meta, actor.id, isAppError(err) ? err.message : userTextFor(err, deps.logger, { what: CALLBACK.cardRole }));
      }
    });
    await acked;
  });
  on(CALLBACK.cardNote, BLOCK.note, (d, actor, ref, v) => {
    const text = v[BLOCK.note]?.[ACTION.note]?.value ?? '';
    // The select's value, read as a marking: the "as the incident" choice (or a forged value) is none, and the note is
    // added as the command adds it. Core refuses a marking looser than the incident's.
    const marking = parseTlp(v[BLOCK.noteTlp]?.[ACTION.noteTlp]?.selected_option?.value ?? '');
    return marking ? d.core.tlp.addNote(actor, ref, text, marking) : d.core.addNote(actor, ref, text);
  });
}

/**
 * A modal has no response_url: tell the person ephemerally in the channel the button was in, or by direct message when
 * that is refused (someone reading a public channel they have not joined).
 */
async function tellInChannel(client: WebClient, meta: CardModalMetadata, user: string, text: string): Promise<void> {
  const reply = message(md`:warning: ${text}`);
  if (meta.channel) {
    try {
      await client.chat.postEphemeral({ channel: meta.channel, user, text: reply.text });
      return;
    } catch {
      // Told by direct message below.
    }
  }
  await client.chat.postMessage({ channel: user, text: reply.text });
}
