// Logging an evidence item: validate what was given, then one transaction under the incident's row lock that numbers
// the item (EV-n), stores it and appends evidence_added, back-dated to when it was collected.
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { authorize } from '../access/authorize.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { findById } from '../incidents/queries.js';
import { appendEvent } from '../timeline/queries.js';
import { incidentTlp } from '../tlp/marking.js';
import { checkZone, custodian, itemTlp, normaliseSha256, parseCollectedAt, type EvidenceItem } from './evidence.js';
import { storeEvidence } from './store.js';

/** What a person gives when logging an item; everything but what and where is optional. */
export interface EvidenceInput {
  description: string;
  location: string;
  /** The file's SHA-256 (the CLI computes it from the file). */
  sha256?: string;
  /** Who collected it (a Slack user id or a name); default: the actor. */
  collectedBy?: string;
  /** When it was collected, on the wall clock of `zone` (2026-12-04T14:05); default: now. */
  collectedAt?: string;
  /** The IANA zone collectedAt is read in; default: TIMEZONE. */
  zone?: string;
  /** Who holds it now; default: the collector. */
  holder?: string;
  /** A marking stricter than the incident's. */
  tlp?: string;
}

/** The item logged, with its incident. */
export interface EvidenceAdded {
  incident: Incident;
  item: EvidenceItem;
  ref: string;
}

const MAX_TEXT = 1000;

/** Logs an evidence item on an incident (anyone who may see it). */
export async function addEvidence(deps: CoreDeps, actor: Actor, incidentRef: string | undefined, input: EvidenceInput): Promise<EvidenceAdded> {
  const found = await incidentByRefOrChannel(deps.db, incidentRef, actor.channelId);
  await authorize(deps, actor, 'evidence.add', found);
  const now = deps.clock.now();
  const zone = checkZone(input.zone?.trim() || deps.timezone);
  const collectedAt = input.collectedAt?.trim() ? parseCollectedAt(input.collectedAt, zone, now) : now;
  const sha256 = input.sha256?.trim() ? normaliseSha256(input.sha256) : null;
  const collectedBy = custodian(input.collectedBy ?? actor.id, 'collectedBy');
  const holder = input.holder === undefined ? collectedBy : custodian(input.holder, 'holder');
  const text = { description: required(input.description, 'description', 'Say what the item is.'), location: required(input.location, 'location', 'Say where the item is stored.') };
  return inTransaction(deps, async (tx) => {
    const incident = (await findById(tx, found.id, { forUpdate: true }))!;
    // An item's marking may only be stricter than its incident's (set by a responder, else from its visibility).
    const tlp = input.tlp?.trim() ? itemTlp(input.tlp, incidentTlp(incident)) : null;
    const { item, ref, payload } = await storeEvidence(tx, deps, { incidentId: incident.id, text: { ...text, collectedBy, holder }, sha256, collectedAt, zone, tlp, addedBy: actor.id, now });
    await appendEvent(tx, incident.id, { kind: 'evidence_added', actor: actor.id, source: actor.source, occurredAt: collectedAt, payload }, now);
    return { incident, item, ref };
  });
}

function required(text: string, field: string, missing: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new AppError('invalid_input', missing, { field });
  if (trimmed.length > MAX_TEXT) throw new AppError('invalid_input', `The ${field} is at most ${MAX_TEXT} characters.`, { field });
  return trimmed;
}
