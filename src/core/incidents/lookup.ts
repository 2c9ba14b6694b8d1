// Finding the incident a request is about: by reference, or by the incident channel it was sent from.
import type { DbOrTx } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import { parseRef, type Incident } from './incident.js';
import { findByChannel, findByNumber } from './queries.js';

/** Resolves a reference (INC-7, inc-7) to its incident, or throws a specific error. */
export async function incidentByRef(db: DbOrTx, ref: string, opts: { forUpdate?: boolean } = {}): Promise<Incident> {
  const number = parseRef(ref);
  if (number === null) {
    throw new AppError('unknown_incident', `"${ref}" is not an incident reference. References look like INC-12.`);
  }
  const incident = await findByNumber(db, number, opts);
  if (!incident) {
    throw new AppError('unknown_incident', `There is no incident INC-${number}.`, { ref: `INC-${number}` }, { next: { kind: 'list_incidents' } });
  }
  return incident;
}

/** The incident named by ref, or else the one whose channel the request came from. */
export async function incidentByRefOrChannel(
  db: DbOrTx,
  ref: string | undefined,
  channelId: string | undefined,
  opts: { forUpdate?: boolean } = {},
): Promise<Incident> {
  if (ref) return incidentByRef(db, ref, opts);
  const incident = channelId ? await findByChannel(db, channelId, opts) : undefined;
  if (!incident) {
    throw new AppError('not_incident_channel', 'Name the incident (e.g. INC-12), or run this inside the incident’s channel.');
  }
  return incident;
}
