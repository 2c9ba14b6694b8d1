// `/incident edit [INC-n] title|type|private|public|drill|real …`: correcting what was declared. Core authorises,
// writes the change and its incident_edited event, and enqueues the channel post and the announcement's update.
import { message } from '../../../blocks/message.js';
import { joinMd, md, type Mrkdwn } from '../../../blocks/mrkdwn.js';
import { drillPrefix } from '../../../blocks/drill.js';
import { confirmPublicPrompt } from '../../../blocks/edit.js';
import type { Actor, IncidentEdit, Edited } from '../../../../core/index.js';
import { isAppError } from '../../../../shared/errors.js';
import type { IncidentRequest } from '../../../parse/command.js';
import { changeText, channelStaysNote } from '../../../outbox/render.js';
import { tellUndelivered } from '../../../outbox/report.js';
import { rotateWarning } from '../../../blocks/redaction.js';
import type { Outcome, SlackDeps } from '../../../deps.js';

/** Runs an edit; making a private incident public first asks for confirmation (ephemeral, with buttons). */
export async function edit(deps: SlackDeps, actor: Actor, req: Extract<IncidentRequest, { sub: 'edit' }>): Promise<Outcome> {
  try {
    return await applyEdit(deps, actor, req.ref, req.edit);
  } catch (err) {
    if (!isAppError(err, 'confirmation_required')) throw err;
    return { reply: confirmPublicPrompt(String(err.details.ref)) };
  }
}

/** Applies an edit (confirmed when it makes an incident public) and says what changed. */
export async function applyEdit(deps: SlackDeps, actor: Actor, ref: string | undefined, change: IncidentEdit, confirmed = false): Promise<Outcome> {
  const edited = await deps.core.edit(actor, ref, change, { confirmed });
  const warning = rotateWarning(edited.redacted);
  const after: Outcome['after'] = async (ctx) => {
    if (warning) await ctx.tell(message(warning));
    await tellUndelivered(deps.core, ctx.tell, edited.notices, 'the change is saved');
  };
  // In the incident channel the channel post is the answer, as for status changes.
  if (actor.channelId && actor.channelId === edited.incident.channelId) return { after };
  return { reply: message(editedText(actor, edited)), after };
}

/** The caller's confirmation: the change, and what did (or could) not change in Slack with it. */
export function editedText(actor: Actor, edited: Edited): Mrkdwn {
  const { incident, change } = edited;
  const lines: Mrkdwn[] = [md`:white_check_mark: ${drillPrefix(incident)}${changeText({ ref: incident.ref, by: actor.id, change: { kind: 'edit', ...change } })}`];
  if (change.field === 'private' && change.to === 'private') {
    lines.push(md`Its announcement now says only that an incident was made private (no title).`);
  }
  if (change.field === 'private' && change.to === 'public') lines.push(channelStaysNote('public'));
  // Rampart never renames a channel behind people's backs (links and habits point at the name); say it is unchanged.
  if (incident.channelName && change.field !== 'type' && !(change.field === 'private' && change.to === 'public')) {
    lines.push(md`Its channel keeps its name, #${incident.channelName}; rename it in Slack if the name should change.`);
  }
  return joinMd(lines, '\n');
}
