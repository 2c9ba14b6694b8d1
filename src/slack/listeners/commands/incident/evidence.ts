// `/incident evidence [list|add|transfer|check] …`: the evidence log from Slack. Replies are ephemeral; a hash
// mismatch is also posted in the incident channel by core, through the outbox, in the check's transaction.
import type { Actor } from '../../../../core/index.js';
import { evidenceAddedMessage, evidenceCheckedMessage, evidenceListMessage, evidenceTransferredMessage } from '../../../blocks/evidence.js';
import type { IncidentRequest } from '../../../parse/command.js';
import type { Outcome, SlackDeps } from '../../../deps.js';

/** Runs an evidence request for the caller. */
export async function evidence(deps: SlackDeps, actor: Actor, req: Extract<IncidentRequest, { sub: 'evidence' }>): Promise<Outcome> {
  const r = req.evidence;
  switch (r.action) {
    case 'list':
      return { reply: evidenceListMessage(await deps.core.evidence.list(actor, r.ref)) };
    case 'add':
      return { reply: evidenceAddedMessage(await deps.core.evidence.add(actor, r.ref, r.input)) };
    case 'transfer':
      return { reply: evidenceTransferredMessage(await deps.core.evidence.transfer(actor, r.evidence, r.to, r.reason)) };
    case 'check':
      return { reply: evidenceCheckedMessage(await deps.core.evidence.check(actor, r.evidence, r.sha256, 'given')) };
  }
}
