// `/incident verify [INC-n]`: recomputes the incident's timeline hash chain and says whether it holds, to the caller
// only. Done before the ack: a chain is read in pages of plain rows, fast for any incident a chat is about.
import { message } from '../../../blocks/message.js';
import { md } from '../../../blocks/mrkdwn.js';
import type { Actor } from '../../../../core/index.js';
import { verificationLine } from '../../../../core/index.js';
import type { IncidentRequest } from '../../../parse/command.js';
import type { Outcome, SlackDeps } from '../../../deps.js';

type Req<S extends IncidentRequest['sub']> = Extract<IncidentRequest, { sub: S }>;

/** The verification of one incident's timeline, as an ephemeral reply. */
export async function verify(deps: SlackDeps, actor: Actor, req: Req<'verify'>): Promise<Outcome> {
  const { incident, verification } = await deps.core.verify(actor, req.ref);
  const icon = verification.ok ? ':white_check_mark:' : ':rotating_light:';
  return { reply: message(md`${icon} *${incident.ref}*: ${verificationLine(verification)}`) };
}
