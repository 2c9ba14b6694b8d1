// A report's TLP marking and the filter of its events: what its audience may receive goes in, the rest is counted
// and named at the top ("2 timeline events withheld (TLP:RED)"). The pure rules are in ../tlp/.
import { AppError } from '../../shared/errors.js';
import type { DbOrTx } from '../../db/types.js';
import type { Incident } from '../incidents/incident.js';
import { eventTlp, incidentTlp } from '../tlp/marking.js';
import { eventCountsByOwnTlp } from '../tlp/queries.js';
import { mayReceive, stricterTlp, tlpLabel, tlpStatement, type Tlp } from '../tlp/tlp.js';
import { TlpFilter, withheldList } from '../tlp/withhold.js';
import type { ReportTlp } from './report.js';

/**
 * Refuses an output whose audience may not receive the incident itself (its title, people, review): nothing of it
 * could go out, and an empty report would look like a quiet incident.
 */
export function requireReceivable(incident: Incident, audience: Tlp, where: string): void {
  const marking = incidentTlp(incident);
  if (mayReceive(marking, audience)) return;
  throw new AppError(
    'invalid_input',
    `${incident.ref} is marked ${tlpLabel(marking)}, and ${where} is a ${tlpLabel(audience)} audience, which may not receive it. Change its marking first (\`/incident tlp ${incident.ref} <marking>\`) if it may go wider.`,
  );
}

/** The report's marking for its audience: the strictest marking it holds, FIRST's wording, and what it withheld. */
export async function reportTlp(db: DbOrTx, incident: Incident, audience: Tlp): Promise<ReportTlp> {
  const base = incidentTlp(incident);
  let marking = base;
  const filter = new TlpFilter(audience);
  for (const { tlp, count } of await eventCountsByOwnTlp(db, incident.id)) {
    const m = eventTlp(tlp ? { tlp } : {}, base);
    for (let i = 0; i < count; i++) if (filter.admits(m)) marking = stricterTlp(marking, m);
  }
  return { marking, audience, statement: tlpStatement(marking), withheld: withheldList(filter.withheld) };
}

/** Whether an audience may receive an event of the incident, by its payload (which holds a note's own marking). */
export function receivableBy(incident: Incident, audience: Tlp): (payload: Record<string, unknown>) => boolean {
  const base = incidentTlp(incident);
  return (payload) => mayReceive(eventTlp(payload, base), audience);
}

