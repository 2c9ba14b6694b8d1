// Saving a post-incident review: the next version and its review_saved event are written in one transaction, under
// the incident's row lock, so two people saving at once get versions n and n+1, never two version n.
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { requireVisible } from '../incidents/access.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRef } from '../incidents/lookup.js';
import { appendEvent } from '../timeline/queries.js';
import { reconcileFollowups, type Reconciled } from '../followups/reconcile.js';
import { insertReview, latestReview } from './queries.js';
import { REVIEW_TEXT_FIELDS, type Review, type ReviewContent, type SafeReviewContent } from './review.js';
import { parseReviewContent } from './schema.js';
import { noticeCardRefresh } from '../outbox/card-refresh.js';
import { mergeFound, redactFields, redactJson, type RedactionDeps } from '../redaction/apply.js';

/**
 * Stores the review as the incident's next version. Anyone who may see the incident may write it (reviews are
 * blameless and shared work, not a responder's privilege). Content identical to the latest version is refused,
 * so every version records a change. Secrets in any field are redacted first (the table is append-only: a secret
 * stored there could never be removed); `redacted` names their kinds so the writer can be told to rotate them.
 */
export async function saveReview(
  deps: CoreDeps,
  actor: Actor,
  ref: string,
  input: ReviewContent,
): Promise<{ incident: Incident; review: Review; followups: Reconciled; redacted?: string[] }> {
  // Validated before the transaction: an invalid review writes neither a row nor an event.
  const { content, found } = redactReview(deps, parseReviewContent(input));
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = await incidentByRef(tx, ref, { forUpdate: true });
    await requireVisible({ ...deps, db: tx }, actor, incident, 'incident.review');
    const latest = await latestReview(tx, incident.id);
    if (latest.review && sameContent(latest.review, content)) {
      throw new AppError('invalid_input', `Nothing changed since version ${latest.versions} of the ${incident.ref} review: edit something before saving.`, { field: 'summary' });
    }
    const review = await insertReview(tx, { ...content, incidentId: incident.id, version: latest.versions + 1, savedBy: actor.id, savedAt: now });
    const event = await appendEvent(
      tx,
      incident.id,
      { kind: 'review_saved', actor: actor.id, source: actor.source, payload: { version: review.version, actionItems: review.actionItems.length } },
      now,
    );
    // The follow-ups follow the new version in the same transaction: a review and its follow-ups never disagree.
    const followups = await reconcileFollowups(tx, { incident, review, previous: latest.review?.actionItems ?? [], actor, now });
    // The card says whether the review is written.
    await noticeCardRefresh(tx, { incident, event, now });
    return { incident, review, followups, ...(found.length > 0 ? { redacted: found } : {}) };
  });
}

/** Every text of a review, action items included, through the redaction step. */
export function redactReview(deps: RedactionDeps, content: ReviewContent): { content: SafeReviewContent; found: string[] } {
  const texts = redactFields(deps, Object.fromEntries(REVIEW_TEXT_FIELDS.map((k) => [k, content[k]])) as Record<(typeof REVIEW_TEXT_FIELDS)[number], string>);
  const items = redactJson(deps, content.actionItems);
  return { content: { ...texts.fields, actionItems: items.value }, found: mergeFound(texts.found, items.found) };
}

/** True when two reviews say the same thing (who saved them and when aside). */
export function sameContent(a: ReviewContent, b: ReviewContent): boolean {
  if (REVIEW_TEXT_FIELDS.some((k) => a[k] !== b[k]) || a.actionItems.length !== b.actionItems.length) return false;
  return a.actionItems.every((x, i) => {
    const y = b.actionItems[i]!;
    return x.text === y.text && x.owner === y.owner && x.due === y.due;
  });
}
