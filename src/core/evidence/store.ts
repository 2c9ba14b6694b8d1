// Storing an evidence item in the caller's transaction: its texts through the redaction step, its EV-n number, and the
// evidence_added payload that records it. Shared by a person's `/incident evidence add` and Rampart's own logging (a
// reported mail's .eml), so both store and describe an item alike; each caller appends the event as its actor.
import { DateTime } from 'luxon';
import type { Tx } from '../../db/types.js';
import { redactFields, redactedField, type RedactionDeps } from '../redaction/apply.js';
import type { Tlp } from '../tlp/tlp.js';
import { formatEvidenceRef, type EvidenceItem } from './evidence.js';
import { insertEvidence, nextEvidenceNumber } from './queries.js';

/** What an item is stored with: its texts (untrusted), hash, when and in which zone it was collected, and its marking. */
export interface NewEvidence {
  incidentId: number;
  text: { description: string; location: string; collectedBy: string; holder: string };
  sha256: string | null;
  collectedAt: Date;
  zone: string;
  tlp: Tlp | null;
  addedBy: string;
  now: Date;
}

/** Numbers and stores the item; returns it, its reference and the payload of its evidence_added event. */
export async function storeEvidence(tx: Tx, deps: RedactionDeps, p: NewEvidence) {
  const { fields, found } = redactFields(deps, p.text);
  const number = await nextEvidenceNumber(tx);
  const item: EvidenceItem = await insertEvidence(tx, { number, incidentId: p.incidentId, ...fields, sha256: p.sha256, collectedAt: p.collectedAt, collectedZone: p.zone, tlp: p.tlp, addedBy: p.addedBy, addedAt: p.now });
  const ref = formatEvidenceRef(number);
  const payload = {
    evidenceId: item.id,
    evidence: ref,
    description: item.description,
    location: item.location,
    sha256: p.sha256,
    collectedBy: item.collectedBy,
    collectedAt: DateTime.fromJSDate(p.collectedAt, { zone: p.zone }).toISO()!,
    zone: p.zone,
    holder: item.holder,
    ...(p.tlp ? { tlp: p.tlp } : {}),
    ...redactedField(found),
  };
  return { item, ref, payload };
}
