// `/incident oob INC-n [reason]`: core checks who may ask and that the plan is valid (answered with the ack), then,
// after the ack, the channel's members are listed and core records the move and enqueues one direct message per
// person, in one transaction. The outbox worker renders the plan at delivery and sends each message once, even when
// Slack's answer is lost. The plan is never posted in a channel: the caller's reply says how many got it, not what it says.
import type { WebClient } from '@slack/web-api';
import type { Actor, Incident } from '../../../../core/index.js';
import { drillPrefix } from '../../../blocks/drill.js';
import { joinMd, md, who, type Mrkdwn } from '../../../blocks/text.js';
import { message } from '../../../blocks/message.js';
import type { IncidentRequest } from '../../../parse/command.js';
import type { Outcome, SlackDeps } from '../../../deps.js';
import { attempt } from '../../../services/slack-call.js';
import { withRotateWarning } from '../../../blocks/redaction.js';

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
      const moved = await deps.core.oob.move(actor, req.ref, req.reason, listed.ok ? listed.value : [], botUserId ? [botUserId] : []);
      const states = await deps.core.notices.settled(moved.keys);
      const failed: Mrkdwn[] = [];
      let pending = 0;
      for (const s of states) {
        if (s.state === 'failed') failed.push(md`${who(userOf(moved.recipients, moved.keys, s.key))} (${s.error ?? 'unknown error'})`);
        if (s.state === 'pending') pending += 1;
      }
      const sent = states.length - failed.length - pending;
      await tell(message(withRotateWarning(summary(moved.incident, sent, pending, moved.event.seq, failed, listed.ok ? undefined : listed.error), moved.redacted)));
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

function userOf(recipients: string[], keys: string[], key: string): string {
  return recipients[keys.indexOf(key)] ?? '';
}

function summary(incident: Incident, sent: number, pending: number, seq: number, failed: Mrkdwn[], listError: string | undefined): Mrkdwn {
  const lines = [md`${drillPrefix(incident)}:satellite_antenna: Sent the out-of-band plan for *${incident.ref}* to ${sent} ${sent === 1 ? 'person' : 'people'} by direct message; the move is event #${seq} on its timeline (without the plan).`];
  if (pending > 0) lines.push(md`:hourglass_flowing_sand: ${pending} more ${pending === 1 ? 'message is' : 'messages are'} waiting on Slack and will be retried; each is sent once.`);
  if (listError) lines.push(md`:warning: ${listError}, so only the people holding a role, the reporter and you got it.`);
  if (failed.length > 0) lines.push(md`:warning: Could not send it to ${joinMd(failed, ', ')}. Reach them by phone; each failure is on the timeline.`);
  return joinMd(lines, '\n');
}
