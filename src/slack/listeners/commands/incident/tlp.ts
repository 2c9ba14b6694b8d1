// `/incident tlp [INC-n] <marking> [reason]`: sets the incident's TLP marking. Core checks who may (the commander and
// responders) and records tlp_changed; the card and the announcement are refreshed through the outbox.
import { tlpLabel, type Actor } from '../../../../core/index.js';
import { message } from '../../../blocks/message.js';
import { md } from '../../../blocks/mrkdwn.js';
import type { TlpRequest } from '../../../parse/tlp.js';
import type { Outcome, SlackDeps } from '../../../deps.js';

/** Sets the marking and says what it was. */
export async function tlp(deps: SlackDeps, actor: Actor, req: TlpRequest): Promise<Outcome> {
  const { before, incident } = await deps.core.tlp.set(actor, req.ref, req.marking, req.reason);
  return {
    reply: message(
      md`:traffic_light: *${incident.ref}* is now marked *${tlpLabel(req.marking)}* (was ${tlpLabel(before)}). Reports, exports and shares hold only what their audience may receive.`,
    ),
  };
}
