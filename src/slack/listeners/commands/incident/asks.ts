// `/incident ask [INC-n] @person <question>` (a direct message with Yes, No and Not sure) and `/incident asks [INC-n]`
// (the questions and their answers). Core checks who may.
import type { Actor } from '../../../../core/index.js';
import { askedReply, askListMessage } from '../../../blocks/asks.js';
import type { AskRequest } from '../../../parse/asks.js';
import type { Outcome, SlackDeps } from '../../../deps.js';

/** Asks the person by direct message (through the outbox) and says so. */
export async function ask(deps: SlackDeps, actor: Actor, req: Extract<AskRequest, { sub: 'ask' }>): Promise<Outcome> {
  const { incident, redacted } = await deps.core.asks.ask(actor, req.ref, req.userId, req.question);
  return { reply: askedReply(incident, req.userId, redacted) };
}

/** Lists an incident's questions and answers, newest first. */
export async function asks(deps: SlackDeps, actor: Actor, req: Extract<AskRequest, { sub: 'asks' }>): Promise<Outcome> {
  const { incident, asks: listed } = await deps.core.asks.list(actor, req.ref);
  return { reply: askListMessage(incident, listed) };
}
