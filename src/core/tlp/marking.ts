// Which marking a thing carries, and which audience an output has. Pure: the rules the README's "TLP markings" table
// explains, in one place, so every output asks the same questions.
import type { Incident } from '../incidents/incident.js';
import { defaultIncidentTlp, parseTlp, stricterTlp, type Tlp } from './tlp.js';

/** An incident's effective marking: the one a responder or the commander set, else the default from its visibility. */
export function incidentTlp(incident: Pick<Incident, 'private'> & { tlp?: Tlp | null }): Tlp {
  return incident.tlp ?? defaultIncidentTlp(incident);
}

/**
 * A timeline event's marking: its own (`payload.tlp`, which notes and the corrections of marked notes carry) when
 * stricter than its incident's, else the incident's. An incident made stricter later takes its events along.
 */
export function eventTlp(payload: Record<string, unknown>, incidentMarking: Tlp): Tlp {
  const own = typeof payload.tlp === 'string' ? parseTlp(payload.tlp) : undefined;
  return own ? stricterTlp(own, incidentMarking) : incidentMarking;
}

/**
 * The audience of a post in an incident's own channel (the report file, the shared timeline): a private incident's
 * channel is private and its members are named, so RED; a public incident's channel is open to anyone in the
 * organisation, so AMBER.
 */
export function channelAudience(incident: Pick<Incident, 'private'>): Tlp {
  return incident.private ? 'RED' : 'AMBER';
}

/** The audience of a shared channel outside the incident (the announcement channel, the weekly digest's). */
export const SHARED_CHANNEL_AUDIENCE: Tlp = 'AMBER';
