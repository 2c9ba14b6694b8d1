// Reading an incident's evidence log for a person: each item with its custody chain and re-checks, for anyone who may
// see the incident (a private one's outsiders are refused with its reference only, as for its timeline).
import type { Actor, CoreDeps } from '../context.js';
import { authorize } from '../access/authorize.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { requesterAudience } from '../tlp/audience.js';
import { incidentTlp } from '../tlp/marking.js';
import { mayReceive, stricterTlp, type Tlp } from '../tlp/tlp.js';
import { evidenceLog, type EvidenceLogEntry } from './evidence.js';
import { custodyEvents, evidenceOf } from './queries.js';

/** An incident's evidence log. */
export interface EvidenceList {
  incident: Incident;
  entries: EvidenceLogEntry[];
  /** Items left out because they are marked more strictly than the reader may receive (TLP). */
  withheld: number;
}

/** The evidence log of the named incident (or the channel's), for someone who may see it. */
export async function evidenceForActor(deps: CoreDeps, actor: Actor, ref: string | undefined): Promise<EvidenceList> {
  const incident = await incidentByRefOrChannel(deps.db, ref, actor.channelId);
  await authorize(deps, actor, 'evidence.list', incident);
  const entries = await evidenceLogOf(deps.db, incident.id);
  const receivable = receivableEvidence(entries, incident, await requesterAudience(deps, actor, incident));
  return { incident, entries: receivable, withheld: entries.length - receivable.length };
}

/** The items an audience may receive: an item without its own marking carries its incident's. */
export function receivableEvidence(entries: readonly EvidenceLogEntry[], incident: Incident, audience: Tlp): EvidenceLogEntry[] {
  const base = incidentTlp(incident);
  return entries.filter((e) => mayReceive(e.item.tlp ? stricterTlp(e.item.tlp, base) : base, audience));
}

/** An incident's evidence log, for a trusted caller (a report's builder, which checked access itself). */
export async function evidenceLogOf(db: CoreDeps['db'], incidentId: number): Promise<EvidenceLogEntry[]> {
  const [items, events] = await Promise.all([evidenceOf(db, incidentId), custodyEvents(db, incidentId)]);
  return evidenceLog(items, events);
}
