// Setting an incident's TLP marking: the commander or a responder, with a reason if they give one. The change, its
// tlp_changed event and the card's refresh are one transaction, like any other change to an incident.
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { authorizeOnLocked } from '../access/authorize.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { updateIncident } from '../incidents/queries.js';
import { checkText, MAX_NOTE } from '../incidents/text-rules.js';
import { noticeRefresh } from '../outbox/card-refresh.js';
import { redactedField, redactFor } from '../redaction/apply.js';
import { appendEvent } from '../timeline/queries.js';
import { incidentTlp } from './marking.js';
import { parseTlp, tlpLabel, TLP_LEVELS, type Tlp } from './tlp.js';

/** A marking as typed, or a refusal that lists the five. */
export function requireTlp(text: string): Tlp {
  const tlp = parseTlp(text);
  if (!tlp) throw new AppError('invalid_input', `"${text.trim()}" is not a TLP marking: use one of ${TLP_LEVELS.join(', ')}.`);
  return tlp;
}

/** Sets the incident's marking (refused when it already has it); the reason, redacted, goes on the timeline. */
export async function setIncidentTlp(
  deps: CoreDeps,
  actor: Actor,
  ref: string | undefined,
  markingText: string,
  reasonText = '',
): Promise<{ before: Tlp; incident: Incident; reason: string }> {
  const to = requireTlp(markingText);
  const { text: reason, found } = redactFor(deps, checkText(reasonText, 'reason', MAX_NOTE));
  const allowedOn = await authorizeOnLocked(deps, actor, 'incident.tlp');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const before = await incidentByRefOrChannel(tx, ref, actor.channelId, { forUpdate: true });
    allowedOn(before);
    const from = incidentTlp(before);
    if (from === to) throw new AppError('invalid_input', `${before.ref} is already ${tlpLabel(to)}.`);
    const incident = await updateIncident(tx, before.id, { tlp: to, updatedAt: now });
    const event = await appendEvent(
      tx,
      before.id,
      { kind: 'tlp_changed', actor: actor.id, source: actor.source, payload: { from, to, ...(reason ? { reason } : {}), ...redactedField(found) } },
      now,
    );
    // The card and the announcement show the marking.
    await noticeRefresh(tx, { incident, event, now });
    return { before: from, incident, reason };
  });
}
