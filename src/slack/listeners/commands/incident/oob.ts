// `/incident oob INC-n [reason]`: core checks who may ask and that the plan is valid (answered with the ack), then,
// after the ack, the channel's members are listed, the move is recorded and the plan goes to each person by direct
// message. The plan is never posted in a channel: the caller's reply says how many got it, not what it says.
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../../../core/context.js';
import type { Incident } from '../../../../core/incidents/incident.js';
import { planLines, type OobPlan } from '../../../../core/oob/plan.js';
import { drillPrefix } from '../../../blocks/drill.js';
import { context, joinMd, md, packLines, plain, section, who, type Mrkdwn } from '../../../blocks/text.js';
import { message } from '../../../blocks/message.js';
import type { IncidentRequest } from '../../../parse/command.js';
import type { Outcome, SlackDeps } from '../../../deps.js';
import { attempt } from '../../../services/slack-call.js';
import { withRotateWarning } from '../../../blocks/redaction.js';
import type { SafeText } from '../../../../core/redaction/safe-text.js';

type Req = Extract<IncidentRequest, { sub: 'oob' }>;

/** Checks before the ack; lists members, records the move and sends the DMs after it. */
export async function oob(deps: SlackDeps, actor: Actor, req: Req, botUserId?: string): Promise<Outcome> {
  const { incident } = await deps.core.oob.check(actor, req.ref);
  return {
    reply: message(md`${drillPrefix(incident)}:satellite_antenna: Sending the out-of-band plan for *${incident.ref}* to its people by direct message…`),
    after: async ({ client, tell }) => {
      const listed = incident.channelId
        ? await attempt(deps, incident.id, 'listing the incident channel’s members for the out-of-band plan', () => channelMembers(client, incident.channelId!))
        : ({ ok: true, value: [] as string[] } as const);
      // The bot is in the channel too; it cannot message itself.
      const members = (listed.ok ? listed.value : []).filter((id) => id !== botUserId);
      const moved = await deps.core.oob.move(actor, req.ref, req.reason, members);
      // The reason as stored (redacted): what someone typed after /incident oob goes to everyone on the list.
      const plan = planMessage(moved.incident, moved.plan, actor, moved.reason);
      const failed: Mrkdwn[] = [];
      for (const user of moved.recipients.filter((id) => id !== botUserId)) {
        const sent = await attempt(deps, incident.id, `sending the out-of-band plan to ${user}`, async () => {
          const im = await client.conversations.open({ users: user });
          await client.chat.postMessage({ channel: im.channel!.id!, ...plan });
        });
        if (!sent.ok) failed.push(md`${who(user)} (${sent.error})`);
      }
      await tell(message(withRotateWarning(summary(moved.incident, moved.recipients.length - failed.length, moved.event.seq, failed, listed.ok ? undefined : listed.error), moved.redacted)));
    },
  };
}

/** Every member of a channel, all pages. */
async function channelMembers(client: WebClient, channel: string): Promise<string[]> {
  const members: string[] = [];
  for await (const page of client.paginate('conversations.members', { channel, limit: 200 })) {
    members.push(...((page as { members?: string[] }).members ?? []));
  }
  return members;
}

/**
 * The direct message carrying the plan. Its notification text leaves the plan out, so a verification phrase never
 * shows on a locked phone screen; the plan is in the message body.
 */
export function planMessage(incident: Incident, plan: OobPlan, actor: Actor, reason: SafeText) {
  const lead = md`${drillPrefix(incident)}:satellite_antenna: *${incident.ref}*: the team is moving out of band (asked by ${who(actor.id)}).`;
  const { sections } = packLines(planLines(plan).map(plain));
  return message(md`${drillPrefix(incident)}${incident.ref}: the team is moving out of band. Open this message for the plan.`, [
    section(reason ? md`${lead}\n*Why:* ${reason}` : lead),
    ...sections.map(section),
    context(md`From now on, assume Slack is being read. Do not discuss the incident or the plan here: switch to the backup channel.`),
  ]);
}

function summary(incident: Incident, sent: number, seq: number, failed: Mrkdwn[], listError: string | undefined): Mrkdwn {
  const lines = [md`${drillPrefix(incident)}:satellite_antenna: Sent the out-of-band plan for *${incident.ref}* to ${sent} ${sent === 1 ? 'person' : 'people'} by direct message; the move is event #${seq} on its timeline (without the plan).`];
  if (listError) lines.push(md`:warning: ${listError}, so only the people holding a role, the reporter and you got it.`);
  if (failed.length > 0) lines.push(md`:warning: Could not send it to ${joinMd(failed, ', ')}. Reach them by phone; each failure is on the timeline.`);
  return joinMd(lines, '\n');
}
