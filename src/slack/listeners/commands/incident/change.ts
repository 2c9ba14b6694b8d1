// `/incident status|severity|assign`: responders change the incident; the incident channel hears about it.
import type { Actor } from '../../../../core/context.js';
import { isAppError } from '../../../../core/errors.js';
import type { Incident } from '../../../../core/incidents/incident.js';
import { reviewPrompt } from '../../../blocks/review-modal.js';
import type { IncidentRequest } from '../../../parse/command.js';
import { attempt } from '../../../services/slack-call.js';
import type { AfterAck, Outcome, SlackDeps } from '../../../deps.js';

type Req<S extends IncidentRequest['sub']> = Extract<IncidentRequest, { sub: S }>;

/** Status change. Closing without a review offers to write it; closing refused for want of one offers the same. */
export async function status(deps: SlackDeps, actor: Actor, req: Req<'status'>): Promise<Outcome> {
  let changed;
  try {
    changed = await deps.core.changeStatus(actor, req.ref, req.status, req.note);
  } catch (err) {
    if (!isAppError(err, 'review_required')) throw err;
    const text = `:warning: ${err.message}`;
    return { reply: { text, blocks: reviewPrompt(text, String(err.details.ref), 'The form takes a few minutes; it can be updated later (every save is kept).') } };
  }
  const { before, incident } = changed;
  const text = `*${incident.ref}* status: ${before.status} → *${incident.status}* (by <@${actor.id}>)${req.note ? `: ${req.note}` : ''}`;
  const unreviewed = incident.status === 'closed' && (await deps.core.reviews.latest(actor, incident.ref)).versions === 0;
  return { ...confirmation(actor, incident, text, unreviewed), after: (ctx) => tellChannel(deps, ctx, incident, text, unreviewed) };
}

/** Severity change. */
export async function severity(deps: SlackDeps, actor: Actor, req: Req<'severity'>): Promise<Outcome> {
  const { before, incident } = await deps.core.changeSeverity(actor, req.ref, req.severity);
  const text = `*${incident.ref}* severity: ${before.severity} → *${incident.severity}* (by <@${actor.id}>)`;
  return { ...confirmation(actor, incident, text), after: (ctx) => tellChannel(deps, ctx, incident, text) };
}

/** Role assignment; the assignee is invited to the incident channel. */
export async function assign(deps: SlackDeps, actor: Actor, req: Req<'assign'>): Promise<Outcome> {
  const { incident, role } = await deps.core.assignRole(actor, req.ref, req.role, req.userId);
  const text = `<@${req.userId}> is now *${role}* of *${incident.ref}* (by <@${actor.id}>)`;
  return {
    ...confirmation(actor, incident, text),
    after: async (ctx) => {
      if (incident.channelId) {
        const invited = await attempt(deps, incident.id, `inviting <@${req.userId}> to the channel`, () =>
          ctx.client.conversations.invite({ channel: incident.channelId!, users: req.userId }),
        );
        if (invited.ok) await deps.core.recordSlackOutcome(incident.id, { kind: 'members_invited', users: [req.userId] });
        else if (!invited.error.includes('already_in_channel')) await ctx.tell({ text: `:warning: ${invited.error}; the assignment is saved.` });
      }
      await tellChannel(deps, ctx, incident, text);
    },
  };
}

/** The caller's own confirmation, unless they are in the incident channel, where the change is posted for everyone. */
function confirmation(actor: Actor, incident: Incident, text: string, offerReview = false): Pick<Outcome, 'reply'> {
  if (actor.channelId && actor.channelId === incident.channelId) return {};
  const confirmed = `:white_check_mark: ${text}`;
  return { reply: { text: confirmed, ...(offerReview ? { blocks: reviewPrompt(confirmed, incident.ref) } : {}) } };
}

/** Posts a change into the incident's channel; a failure is recorded and told to the user. */
async function tellChannel(deps: SlackDeps, ctx: AfterAck, incident: Incident, text: string, offerReview = false): Promise<void> {
  if (!incident.channelId) return;
  const posted = await attempt(deps, incident.id, 'posting the change in the incident channel', () =>
    ctx.client.chat.postMessage({ channel: incident.channelId!, text, ...(offerReview ? { blocks: reviewPrompt(text, incident.ref) as never[] } : {}) }),
  );
  if (!posted.ok) await ctx.tell({ text: `:warning: The change is saved, but ${posted.error}.` });
}
