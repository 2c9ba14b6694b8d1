// Logging an evidence item that Rampart collected by itself (a reported mail's .eml), inside the caller's transaction,
// which already holds the incident's row lock: numbered, stored and recorded on the timeline as addEvidence does.
import type { Tx } from '../../db/types.js';
import { SYSTEM_ACTOR } from '../incidents/declare-system.js';
import type { RedactionDeps } from '../redaction/apply.js';
import { appendEvent } from '../timeline/queries.js';
import { normaliseSha256, type EvidenceItem } from './evidence.js';
import { storeEvidence } from './store.js';

/** Logs an item collected and held by Rampart now, with its hash; returns it with its EV-n reference. */
export async function logEvidenceBySystem(
  deps: RedactionDeps & { timezone: string },
  tx: Tx,
  incidentId: number,
  input: { description: string; location: string; sha256: string },
  now: Date,
): Promise<{ item: EvidenceItem; ref: string }> {
  const { item, ref, payload } = await storeEvidence(tx, deps, {
    incidentId,
    text: { description: input.description, location: input.location, collectedBy: SYSTEM_ACTOR.actor, holder: SYSTEM_ACTOR.actor },
    sha256: normaliseSha256(input.sha256),
    collectedAt: now,
    zone: deps.timezone,
    tlp: null,
    addedBy: SYSTEM_ACTOR.actor,
    now,
  });
  await appendEvent(tx, incidentId, { kind: 'evidence_added', ...SYSTEM_ACTOR, payload }, now);
  return { item, ref };
}
