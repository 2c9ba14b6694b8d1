// `/incident review [INC-n]`: opens the post-incident review modal, pre-filled from the latest version.
import type { Actor } from '../../../../core/index.js';
import { reviewModal } from '../../../blocks/review-modal.js';
import type { IncidentRequest } from '../../../parse/command.js';
import type { Outcome, SlackDeps } from '../../../deps.js';

/** The subcommand. */
export function review(deps: SlackDeps, actor: Actor, req: Extract<IncidentRequest, { sub: 'review' }>, triggerId: string): Promise<Outcome> {
  return openReviewModal(deps, actor, req.ref, triggerId);
}

/**
 * Reads the latest version before the ack, so an unknown or hidden incident is the reply, and opens the modal first
 * thing after it (a trigger id is good for 3 seconds). Also used by the Write the review button.
 */
export async function openReviewModal(deps: SlackDeps, actor: Actor, ref: string | undefined, triggerId: string): Promise<Outcome> {
  const { incident, review: latest } = await deps.core.reviews.latest(actor, ref);
  const view = reviewModal({ incident, latest, metadata: { ref: incident.ref, ...(actor.channelId ? { channel: actor.channelId } : {}) } });
  return { after: async ({ client }) => void (await client.views.open({ trigger_id: triggerId, view })) };
}
