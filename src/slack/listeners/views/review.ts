// Submission of the review modal: problems go back next to their fields and nothing is stored; once saved, the
// modal closes and the confirmation goes to the incident channel (or to the person, when there is no channel).
import { message } from '../../blocks/message.js';
import { md, mention } from '../../blocks/mrkdwn.js';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor, Incident, Review } from '../../../core/index.js';
import { isAppError } from '../../../shared/errors.js';
import { blockFor, decodeReviewMetadata, readReviewSubmission } from '../../blocks/review-modal.js';
import { userTextFor } from '../../errors.js';
import { decodeOrUndefined, FOREIGN_FORM } from '../../parse/view-metadata.js';
import { CALLBACK, REVIEW_FIELD } from '../../ids.js';
import { postOnce } from '../../outbox/post.js';
import { rotateWarning } from '../../blocks/redaction.js';
import type { SlackDeps } from '../../deps.js';

/** Registers the submission handler. */
export function register(app: App, deps: SlackDeps): void {
  app.view(CALLBACK.review, async ({ ack, view, body, client }) => {
    const meta = decodeOrUndefined(decodeReviewMetadata, view.private_metadata);
    if (!meta) return ack({ response_action: 'errors', errors: { [REVIEW_FIELD.summary]: FOREIGN_FORM } });
    const content = readReviewSubmission(view.state.values);
    if ('errors' in content) {
      await ack({ response_action: 'errors', errors: content.errors });
      return;
    }
    const actor: Actor = { id: body.user.id, source: 'slack-modal', ...(meta.channel ? { channelId: meta.channel } : {}) };
    let saved;
    try {
      saved = await deps.core.reviews.save(actor, meta.ref, content);
    } catch (err) {
      // Not a field problem (the form was checked above): identical content, access, a vanished incident.
      const block = isAppError(err) && typeof err.details.field === 'string' ? blockFor(err.details.field) : REVIEW_FIELD.summary;
      const message = isAppError(err) ? err.message : userTextFor(err, deps.logger, { what: CALLBACK.review, user: actor.id });
      await ack({ response_action: 'errors', errors: { [block]: message.slice(0, 150) } });
      return;
    }
    await ack();
    deps.background.afterAck(CALLBACK.review, () => confirm(deps, client, actor.id, saved));
  });
}

/** Tells the incident channel (private incidents have private channels), else the person who saved it. */
async function confirm(deps: SlackDeps, client: WebClient, userId: string, saved: { incident: Incident; review: Review; redacted?: string[] }): Promise<void> {
  const { incident, review } = saved;
  const warning = rotateWarning(saved.redacted);
  // Only the writer is told (by direct message) what was removed: the channel sees the confirmation alone.
  if (warning) await client.chat.postMessage({ channel: userId, ...message(warning) });
  const n = review.actionItems.length;
  const text = md`:memo: Review saved as version ${review.version} for ${incident.ref} (${n} action item${n === 1 ? '' : 's'}) by ${mention(userId)}.`;
  if (incident.channelId) {
    // Keyed by the version: the same confirmation can only be posted once, even when Slack's answer is lost.
    const posted = await postOnce(deps.core, {
      key: `incident:${incident.id}:review:${review.version}:saved`,
      channel: incident.channelId,
      incidentId: incident.id,
      action: 'posting the review confirmation in the incident channel',
      message: message(text),
    });
    if (posted.ok) return;
    await client.chat.postMessage({ channel: userId, ...message(md`${text}\n:warning: ${posted.error}.`) });
    return;
  }
  await client.chat.postMessage({ channel: userId, ...message(text) });
}
