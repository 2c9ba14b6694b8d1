// Logging an evidence item that Rampart collected by itself (a reported mail's .eml), inside the caller's transaction,
// which already holds the incident's row lock: numbered, stored and recorded on the timeline as addEvidence does.
import { DateTime } from 'luxon';
import type { Tx } from '../../db/types.js';
import { SYSTEM_ACTOR } from '../incidents/declare-system.js';
import { redactFields, redactedField, type RedactionDeps } from '../redaction/apply.js';
import { appendEvent } from '../timeline/queries.js';
import { formatEvidenceRef, normaliseSha256, type EvidenceItem } from './evidence.js';
import { insertEvidence, nextEvidenceNumber } from './queries.js';

/** Logs an item collected and held by Rampart now, with its hash; returns it with its EV-n reference. */
export async function logEvidenceBySystem(
  deps: RedactionDeps & { timezone: string },
  tx: Tx,
  incidentId: number,
  input: { description: string; location: string; sha256: string },
  now: Date,
): Promise<{ item: EvidenceItem; ref: string }> {
  const sha256 = normaliseSha256(input.sha256);
  const { fields, found } = redactFields(deps, { description: input.description, location: input.location, collectedBy: SYSTEM_ACTOR.actor, holder: SYSTEM_ACTOR.actor });
  const number = await nextEvidenceNumber(tx);
  const item = await insertEvidence(tx, { number, incidentId, ...fields, sha256, collectedAt: now, collectedZone: deps.timezone, tlp: null, addedBy: SYSTEM_ACTOR.actor, addedAt: now });
  const ref = formatEvidenceRef(number);
  const payload = {
    evidenceId: item.id,
    evidence: ref,
    description: item.description,
    location: item.location,
    sha256,
    collectedBy: item.collectedBy,
    collectedAt: DateTime.fromJSDate(now, { zone: deps.timezone }).toISO()!,
    zone: deps.timezone,
    holder: item.holder,
    ...redactedField(found),
  };
  await appendEvent(tx, incidentId, { kind: 'evidence_added', ...SYSTEM_ACTOR, payload }, now);
  return { item, ref };
}
