// `/incident declare …`: text form declares at once; no text opens the modal.
import { message } from '../../../blocks/message.js';
import { md } from '../../../blocks/mrkdwn.js';
import { drillPrefix } from '../../../blocks/drill.js';
import type { Actor } from '../../../../core/index.js';
import { declareModal } from '../../../blocks/declare-modal.js';
import { understood } from '../../../blocks/incident.js';
import { setUpIncidentInSlack } from '../../../services/incident-channel.js';
import type { IncidentRequest } from '../../../parse/command.js';
import type { Outcome, SlackDeps } from '../../../deps.js';
import { withRotateWarning } from '../../../blocks/redaction.js';

/** Declares from command text; Slack setup follows the ack. */
export async function declareFromText(
  deps: SlackDeps,
  actor: Actor,
  req: Extract<IncidentRequest, { sub: 'declare' }>,
): Promise<Outcome> {
  const declared = await deps.core.declare(actor, {
    title: req.title,
    ...(req.severity ? { severity: req.severity } : {}),
    ...(req.type ? { type: req.type } : {}),
    ...(req.private !== undefined ? { private: req.private } : {}),
    drill: req.drill,
  });
  return {
    reply: message(
      withRotateWarning(md`:hourglass_flowing_sand: ${drillPrefix(declared.incident)}*${declared.incident.ref}* is recorded; setting up its channel…\n${understood(declared.incident)}`, declared.redacted),
    ),
    after: async ({ tell }) => {
      await tell(message(await setUpIncidentInSlack(deps, declared)));
    },
  };
}

/** Opens the declare modal (trigger ids expire after 3 s, so this is the first thing done after the ack). */
export function openDeclareModal(deps: SlackDeps, triggerId: string, originChannel: string): Outcome {
  return {
    after: async ({ client }) => {
      await client.views.open({ trigger_id: triggerId, view: declareModal({ types: deps.core.incidentTypes, metadata: { originChannel } }) });
    },
  };
}
