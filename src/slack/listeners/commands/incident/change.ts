// `/incident status|severity|assign|unassign`: responders and the incident's commander change the incident; the incident channel hears about it through the
// outbox (enqueued by core in the change's transaction), and the caller is told if Slack refused it for good.
import { message } from '../../../blocks/message.js';
import { channelMention, md, mention, type Mrkdwn } from '../../../blocks/mrkdwn.js';
import { drillPrefix } from '../../../blocks/drill.js';
import type { Actor, Incident, Status } from '../../../../core/index.js';
import { isAppError } from '../../../../shared/errors.js';
import { ENDING_STATUSES } from '../../../../core/index.js';
import { openWorkPrompt } from '../../../blocks/open-work.js';
import { reviewPrompt } from '../../../blocks/review-modal.js';
import type { IncidentRequest } from '../../../parse/command.js';
import { tellUndelivered } from '../../../outbox/report.js';
import { rotateWarning } from '../../../blocks/redaction.js';
import type { AfterAck, Outcome, SlackDeps } from '../../../deps.js';
import { checkAssignable } from '../../../services/assignable.js';

type Req<S extends IncidentRequest['sub']> = Extract<IncidentRequest, { sub: S }>;

/**
 * Status change. Resolving or closing an incident with open work first shows the work with Confirm / Cancel (nothing
 * changes until Confirm). Closing without a review offers to write it; closing refused for want of one offers the same.
 */
export async function status(deps: SlackDeps, actor: Actor, req: Req<'status'>): Promise<Outcome> {
  if (!ENDING_STATUSES.includes(req.status.trim().toLowerCase() as Status)) return applyStatus(deps, actor, req);
  return offeringReview(async () => {
    const { incident, to, work, note, redacted } = await deps.core.openWork(actor, req.ref, req.status, req.note);
    if (work.steps + work.actionItems === 0) return applyStatus(deps, actor, req);
    return { reply: openWorkPrompt(incident, { ref: incident.ref, status: to, note, drill: incident.drill }, work, rotateWarning(redacted)) };
  });
}

/** Makes a status change now (after a confirmation, or when there was nothing to confirm). */
export async function applyStatus(deps: SlackDeps, actor: Actor, req: Pick<Req<'status'>, 'ref' | 'status' | 'note'>): Promise<Outcome> {
  return offeringReview(async () => {
    const changed = await deps.core.changeStatus(actor, req.ref, req.status, req.note);
    const { before, incident, notices, note } = changed;
    // The note as stored (redacted), never as typed.
    const text = md`*${incident.ref}* status: ${before.status} → *${incident.status}* (by ${mention(actor.id)})${note ? `: ${note}` : ''}`;
    const unreviewed = incident.status === 'closed' && (await deps.core.reviews.latest(actor, incident.ref)).versions === 0;
    const warning = rotateWarning(changed.redacted);
    return {
      ...confirmation(actor, incident, text, unreviewed),
      after: async (ctx) => {
        if (warning) await ctx.tell(message(warning));
        await tellUndelivered(deps.core, ctx.tell, notices, 'the change is saved');
        await tellHowToUnarchive(deps, ctx.tell, incident.channelId, notices);
      },
    };
  });
}

/**
 * After reopening an incident whose channel was archived: Slack refuses bot tokens on conversations.unarchive (its
 * method page's bug alert), so say who can bring the channel back and how.
 */
async function tellHowToUnarchive(deps: SlackDeps, tell: AfterAck['tell'], channelId: string | null, keys: readonly string[]): Promise<void> {
  const refused = (await deps.core.notices.settled(keys)).some((d) => d.kind === 'channel_unarchived' && d.state === 'failed');
  if (!refused || !channelId) return;
  await tell(message(md`:file_cabinet: Its channel ${channelMention(channelId)} is archived, and Slack lets only people unarchive channels: a member can, from the channel’s name menu (_Unarchive channel_). Posts about the incident go there again once it is.`));
}

/** Runs a status step, turning "write the review first" into a reply that offers to write it. */
async function offeringReview(step: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await step();
  } catch (err) {
    if (!isAppError(err, 'review_required')) throw err;
    const text = md`:warning: ${err.message}`;
    return { reply: message(text, reviewPrompt(text, String(err.details.ref), md`The form takes a few minutes; it can be updated later (every save is kept).`)) };
  }
}

/** Severity change. */
export async function severity(deps: SlackDeps, actor: Actor, req: Req<'severity'>): Promise<Outcome> {
  const { before, incident, notices } = await deps.core.changeSeverity(actor, req.ref, req.severity);
  const text = md`*${incident.ref}* severity: ${before.severity} → *${incident.severity}* (by ${mention(actor.id)})`;
  return { ...confirmation(actor, incident, text), after: (ctx) => tellUndelivered(deps.core, ctx.tell, notices, 'the change is saved') };
}

/**
 * Role assignment; the assignee is invited to the incident channel and told by direct message. Slack is asked who the
 * person is first (users.info), which is a Web API call: the command is acked at once and answered through respond.
 */
export function assign(deps: SlackDeps, actor: Actor, req: Req<'assign'>): Outcome {
  return {
    after: async (ctx) => {
      await checkAssignable(ctx.client, req.userId, req.role.toLowerCase(), req.ref);
      const { incident, role, notices } = await deps.core.assignRole(actor, req.ref, req.role, req.userId);
      const { reply } = confirmation(actor, incident, md`${mention(req.userId)} is now *${role}* of *${incident.ref}* (by ${mention(actor.id)})`);
      if (reply) await ctx.tell(reply);
      await tellUndelivered(deps.core, ctx.tell, notices, 'the assignment is saved');
    },
  };
}

/** Clearing a role. */
export async function unassign(deps: SlackDeps, actor: Actor, req: Req<'unassign'>): Promise<Outcome> {
  const { incident, role, from, notices } = await deps.core.unassignRole(actor, req.ref, req.role);
  const text = md`${mention(from)} is no longer *${role}* of *${incident.ref}* (by ${mention(actor.id)})`;
  return { ...confirmation(actor, incident, text), after: (ctx) => tellUndelivered(deps.core, ctx.tell, notices, 'the change is saved') };
}

/** The caller's own confirmation, unless they are in the incident channel, where the change is posted for everyone. */
function confirmation(actor: Actor, incident: Incident, text: Mrkdwn, offerReview = false): Pick<Outcome, 'reply'> {
  if (actor.channelId && actor.channelId === incident.channelId) return {};
  const confirmed = md`:white_check_mark: ${drillPrefix(incident)}${text}`;
  return { reply: offerReview ? message(confirmed, reviewPrompt(confirmed, incident.ref)) : message(confirmed) };
}
