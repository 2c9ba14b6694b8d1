// Exporting an incident's observables as STIX 2.1, MISP or CSV, for anyone who may see the incident. The marking every
// export carries comes from exportMarking alone.
import { AppError } from '../../shared/errors.js';
import type { Actor, CoreDeps } from '../context.js';
import { requireVisible } from '../incidents/access.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { requireReceivable } from '../reports/marking.js';
import { requesterAudience } from '../tlp/audience.js';
import { incidentTlp } from '../tlp/marking.js';
import type { Tlp } from '../tlp/tlp.js';
import { observablesCsv } from './csv.js';
import { mispEvent } from './misp.js';
import { observablesOf } from './queries.js';
import { stixBundle } from './stix.js';

/** The export formats. */
export const OBSERVABLE_EXPORT_FORMATS = ['stix', 'misp', 'csv'] as const;
/** One export format. */
export type ObservableExportFormat = (typeof OBSERVABLE_EXPORT_FORMATS)[number];

/** An export ready to write or upload. */
export interface ObservableExport {
  incident: Incident;
  format: ObservableExportFormat;
  marking: Tlp;
  filename: string;
  mimeType: string;
  content: string;
  count: number;
}

/** The marking an incident's exports carry, in one place: the incident's (set by a responder, else from its visibility). */
export function exportMarking(incident: Pick<Incident, 'private' | 'tlp'>): Tlp {
  return incidentTlp(incident);
}

/** Reads a format word; undefined when it is none of the three. */
export function parseExportFormat(word: string): ObservableExportFormat | undefined {
  const w = word.trim().toLowerCase();
  return (OBSERVABLE_EXPORT_FORMATS as readonly string[]).includes(w) ? (w as ObservableExportFormat) : undefined;
}

/** An incident's observables in one format (anyone who may see the incident). */
export async function exportObservables(deps: CoreDeps, actor: Actor, p: { ref?: string; format: ObservableExportFormat }): Promise<ObservableExport> {
  if (!(OBSERVABLE_EXPORT_FORMATS as readonly string[]).includes(p.format)) {
    throw new AppError('invalid_input', `Export as stix, misp or csv.`, { field: 'format' });
  }
  const incident = await incidentByRefOrChannel(deps.db, p.ref, actor.channelId);
  await requireVisible(deps, actor, incident, 'observable.export');
  // The file goes to the person asking: an AMBER reader of a public incident marked RED gets nothing of it.
  requireReceivable(incident, await requesterAudience(deps, actor, incident), 'your export');
  const observables = await observablesOf(deps.db, incident.id);
  const marking = exportMarking(incident);
  const exportedAt = deps.clock.now();
  const base = `${incident.ref.toLowerCase()}-observables`;
  const result = { incident, format: p.format, marking, count: observables.length };
  switch (p.format) {
    case 'stix': {
      const bundle = stixBundle({ ref: incident.ref, title: incident.title, exportedAt, marking, observables });
      return { ...result, filename: `${base}.stix.json`, mimeType: 'application/stix+json;version=2.1', content: `${JSON.stringify(bundle, null, 2)}\n` };
    }
    case 'misp': {
      const event = mispEvent({ ...incident, ref: incident.ref, title: incident.title, exportedAt, marking, observables });
      return { ...result, filename: `${base}.misp.json`, mimeType: 'application/json', content: `${JSON.stringify(event, null, 2)}\n` };
    }
    case 'csv':
      return { ...result, filename: `${base}.csv`, mimeType: 'text/csv', content: observablesCsv({ ref: incident.ref, marking, observables }) };
  }
}
