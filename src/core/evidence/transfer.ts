// Handing an evidence item to someone else: one transaction under the incident's row lock that sets the holder and
// appends evidence_transferred (from, to, why), the chain of custody's next link.
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { authorize } from '../access/authorize.js';
import type { Incident } from '../incidents/incident.js';
import { findById } from '../incidents/queries.js';
import { redactFields, redactedField } from '../redaction/apply.js';
import { appendEvent } from '../timeline/queries.js';
import { custodian, formatEvidenceRef, parseEvidenceRef, type EvidenceItem } from './evidence.js';
import { evidenceByNumber, setHolder } from './queries.js';

/** An item and its incident, found by EV reference. */
export interface EvidenceTarget {
  incident: Incident;
  item: EvidenceItem;
  ref: string;
}

/** The item named EV-n and its incident; throws a specific error for a malformed or unknown reference. */
export async function evidenceTarget(deps: Pick<CoreDeps, 'db'>, evidenceRef: string): Promise<EvidenceTarget> {
  const number = parseEvidenceRef(evidenceRef);
  if (number === null) throw new AppError('invalid_input', `"${evidenceRef.slice(0, 40)}" is not an evidence reference. They look like EV-12 (\`/incident evidence list\`).`);
  const item = await evidenceByNumber(deps.db, number);
  if (!item) throw new AppError('invalid_input', `There is no evidence item EV-${number}.`);
  return { incident: (await findById(deps.db, item.incidentId))!, item, ref: formatEvidenceRef(number) };
}

/**
 * Records that an item changed hands. Its holder hands it on (anyone who may see the incident); an item someone else
 * holds takes the commander or a responder, who can account for where it went.
 */
export async function transferEvidence(deps: CoreDeps, actor: Actor, evidenceRef: string, to: string, reason: string): Promise<EvidenceTarget & { from: string }> {
  const target = await evidenceTarget(deps, evidenceRef);
  await authorize(deps, actor, 'evidence.transfer', target.incident);
  if (target.item.holder !== actor.id) await authorize(deps, actor, 'evidence.transfer-any', target.incident);
  const why = reason.trim();
  if (why === '') throw new AppError('invalid_input', `Say why ${target.ref} changes hands (the chain of custody records it).`, { field: 'reason' });
  if (why.length > 1000) throw new AppError('invalid_input', 'The reason is at most 1000 characters.', { field: 'reason' });
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = (await findById(tx, target.incident.id, { forUpdate: true }))!;
    // Read again under the lock: another transfer may have moved it meanwhile, and this one starts from there.
    const item = (await evidenceByNumber(tx, target.item.number))!;
    const { fields, found } = redactFields(deps, { to: custodian(to, 'holder'), reason: why });
    if (fields.to === item.holder) throw new AppError('invalid_input', `${target.ref} is already held by ${item.holder}.`, { field: 'holder' });
    await setHolder(tx, item.id, fields.to);
    const payload = { evidenceId: item.id, evidence: target.ref, description: item.description, from: item.holder, to: fields.to, reason: fields.reason, ...redactedField(found), ...(item.tlp ? { tlp: item.tlp } : {}) };
    await appendEvent(tx, incident.id, { kind: 'evidence_transferred', actor: actor.id, source: actor.source, payload }, now);
    return { incident, item: { ...item, holder: fields.to }, ref: target.ref, from: item.holder };
  });
}
