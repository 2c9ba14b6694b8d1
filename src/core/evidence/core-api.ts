// Evidence as createCore offers it: log an item, list an incident's evidence log, transfer custody, check a hash again.
import type { Actor, CoreDeps } from '../context.js';
import { addEvidence, type EvidenceInput } from './add.js';
import { checkEvidence } from './check.js';
import { evidenceForActor } from './read.js';
import { transferEvidence } from './transfer.js';

/** Binds evidence to core's dependencies. */
export function evidenceApi(deps: CoreDeps) {
  return {
    /** Logs an item on an incident (ref may be left out in its channel); anyone who may see the incident. */
    add: (actor: Actor, ref: string | undefined, input: EvidenceInput) => addEvidence(deps, actor, ref, input),
    /** An incident's evidence log: each item with its custody chain and re-checks. */
    list: (actor: Actor, ref: string | undefined) => evidenceForActor(deps, actor, ref),
    /** Hands an item (EV-n) to someone else, saying why: its holder, or the commander or a responder. */
    transfer: (actor: Actor, evidenceRef: string, to: string, reason: string) => transferEvidence(deps, actor, evidenceRef, to, reason),
    /** Compares an item's logged SHA-256 with one computed now (`file`) or given; a mismatch is recorded, not refused. */
    check: (actor: Actor, evidenceRef: string, sha256: string, via: 'file' | 'given') => checkEvidence(deps, actor, evidenceRef, sha256, via),
  };
}
