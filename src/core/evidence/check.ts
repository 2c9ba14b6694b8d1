// Checking an evidence item's SHA-256 again: the hash computed now (by the CLI, from the file) or given is compared
// with the one logged, and the outcome is appended as evidence_checked in one transaction. A mismatch is recorded and
// posted loudly in the incident channel (through the outbox, in the same transaction), never refused: the record that
// the item changed is the point.
import { channelAudience } from '../tlp/marking.js';
import { mayReceive } from '../tlp/tlp.js';
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { authorize } from '../access/authorize.js';
import { findById } from '../incidents/queries.js';
import { noticeKey } from '../outbox/incident-notices.js';
import { enqueue } from '../outbox/queries.js';
import { appendEvent } from '../timeline/queries.js';
import { normaliseSha256 } from './evidence.js';
import { evidenceTarget, type EvidenceTarget } from './transfer.js';

/** What a re-check found. */
export interface EvidenceChecked extends EvidenceTarget {
  expected: string;
  actual: string;
  matches: boolean;
}

/** Compares an item's logged SHA-256 with `sha256` (computed from the file, or given) and records the outcome (anyone who may see the incident). */
export async function checkEvidence(deps: CoreDeps, actor: Actor, evidenceRef: string, sha256: string, via: 'file' | 'given'): Promise<EvidenceChecked> {
  const target = await evidenceTarget(deps, evidenceRef);
  await authorize(deps, actor, 'evidence.check', target.incident);
  const expected = target.item.sha256;
  if (!expected) throw new AppError('invalid_input', `${target.ref} has no SHA-256 logged (it was not logged as a file), so there is nothing to check against.`);
  const actual = normaliseSha256(sha256);
  const matches = actual === expected;
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = (await findById(tx, target.incident.id, { forUpdate: true }))!;
    const { item, ref } = target;
    // An item's own marking travels with every event about it, so reports and shares filter them as they filter its logging.
    const payload = { evidenceId: item.id, evidence: ref, description: item.description, expected, actual, matches, via, ...(item.tlp ? { tlp: item.tlp } : {}) };
    const event = await appendEvent(tx, incident.id, { kind: 'evidence_checked', actor: actor.id, source: actor.source, payload }, now);
    if (!matches && incident.channelId) {
      // The incident channel is the channel's audience: an item marked more strictly than it may receive is named by reference only.
      const shown = !item.tlp || mayReceive(item.tlp, channelAudience(incident));
      const notice = { ref: incident.ref, drill: incident.drill, by: actor.id, evidence: ref, description: shown ? item.description : `(marked TLP:${item.tlp})`, expected, actual };
      await enqueue(tx, { key: noticeKey(incident.id, event, 'evidence-mismatch', now), incidentId: incident.id, now, notification: { kind: 'evidence_mismatch', channel: incident.channelId, payload: notice } });
    }
    return { incident, item, ref, expected, actual, matches };
  });
}
