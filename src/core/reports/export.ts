// Every incident in one file, streamed: incidents are read one at a time and their events page by page, so memory
// stays flat however many there are. Machine formats only; a Markdown or HTML report is per incident.
import type { CoreDeps } from '../context.js';
import { AppError } from '../../shared/errors.js';
import { findById } from '../incidents/queries.js';
import { reportSource } from './build.js';
import { inChunks } from './formats/chunks.js';
import { CSV_COLUMNS, csvEventFields, csvMarkingFields, csvRow } from './formats/csv.js';
import { jsonEvent, jsonHeader } from './formats/json.js';
import { TIMESKETCH_COLUMNS, timesketchCsvFields, timesketchMarkingRow, timesketchRow } from './formats/timesketch.js';
import { incidentIdsSince } from './queries.js';
import { REPORT_VERSION, type ReportFormat, type ReportSource, type ReportTlp } from './report.js';
import { incidentTlp } from '../tlp/marking.js';
import { incidentMarkingsSince } from '../tlp/queries.js';
import { mayReceive, parseTlp, tlpStatement, type Tlp } from '../tlp/tlp.js';
import { TlpFilter, withheldList } from '../tlp/withhold.js';

/** The formats an export can be written in. */
export const EXPORT_FORMATS: readonly ReportFormat[] = ['json', 'csv', 'timesketch', 'timesketch-csv'];

/** The value of an export document's `schema` field. */
export const EXPORT_SCHEMA = 'rampart.export';

/** What an export covers, and a callback told after each event is written (for progress bars). */
export interface ExportOptions {
  since: Date | null;
  format: ReportFormat;
  /** The strictest TLP marking its readers may receive (default RED: everything); stricter incidents and notes are left out and counted. */
  audience?: Tlp;
  onEvent?: () => void;
}

type ExportDeps = Pick<CoreDeps, 'db' | 'clock' | 'timezone'>;

/** Every incident declared since `since` (all when null), oldest first, in one streamed file. */
export function exportReport(deps: ExportDeps, opts: ExportOptions): AsyncIterable<string> {
  if (!EXPORT_FORMATS.includes(opts.format)) {
    throw new AppError('invalid_input', `An export is written as ${EXPORT_FORMATS.join(', ')}; for a ${opts.format} report of one incident use \`rampart report\`.`);
  }
  return inChunks(pieces(deps, opts));
}

/**
 * The export's marking: its audience (the strictest it may hold), FIRST's wording, and the incidents left out as
 * too strictly marked for it. Each incident in it carries its own marking and withheld events besides.
 */
async function exportTlp(deps: ExportDeps, opts: ExportOptions, audience: Tlp): Promise<ReportTlp> {
  const filter = new TlpFilter(audience);
  for (const i of await incidentMarkingsSince(deps.db, opts.since)) filter.admits(incidentTlp({ private: i.private, tlp: parseTlp(i.tlp ?? '') ?? null }));
  return { marking: audience, audience, statement: tlpStatement(audience), withheld: withheldList(filter.withheld) };
}

async function* pieces(deps: ExportDeps, opts: ExportOptions): AsyncGenerator<string> {
  const tick = opts.onEvent ?? (() => {});
  const audience = opts.audience ?? 'RED';
  const tlp = await exportTlp(deps, opts, audience);
  const now = deps.clock.now();
  if (opts.format === 'csv') yield csvRow(CSV_COLUMNS) + csvRow(csvMarkingFields('', now, tlp, 'incident'));
  if (opts.format === 'timesketch-csv') yield csvRow(TIMESKETCH_COLUMNS) + csvRow(timesketchCsvFields(timesketchMarkingRow('', '', '', now, tlp, 'incident')));
  if (opts.format === 'timesketch') yield `${JSON.stringify(timesketchMarkingRow('', '', '', now, tlp, 'incident'))}\n`;
  if (opts.format === 'json') {
    const top = { schema: EXPORT_SCHEMA, version: REPORT_VERSION, tlp, generatedAt: now.toISOString(), since: opts.since?.toISOString() ?? null };
    yield `${JSON.stringify(top).slice(0, -1)},"incidents":[`;
  }
  let first = true;
  for await (const source of sources(deps, opts.since, audience)) {
    const marking = source.header.tlp;
    const ref = source.header.incident.ref;
    if (opts.format === 'json') {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(jsonHeader(source.header)).slice(0, -1)},"events":[`;
      let firstEvent = true;
      for await (const e of source.events()) {
        yield `${firstEvent ? '\n' : ',\n'}${JSON.stringify(jsonEvent(e))}`;
        firstEvent = false;
        tick();
      }
      yield ']}';
    } else {
      // Each incident's own marking row, which names the events withheld from it.
      if (marking && opts.format === 'csv') yield csvRow(csvMarkingFields(ref, now, marking));
      if (marking && opts.format !== 'csv') {
        const row = timesketchMarkingRow(ref, source.header.incident.title, source.header.incident.severity, now, marking);
        yield opts.format === 'timesketch' ? `${JSON.stringify(row)}\n` : csvRow(timesketchCsvFields(row));
      }
      for await (const e of source.events()) {
        if (opts.format === 'csv') yield csvRow(csvEventFields(ref, e));
        else if (opts.format === 'timesketch') yield `${JSON.stringify(timesketchRow(source.header, e))}\n`;
        else yield csvRow(timesketchCsvFields(timesketchRow(source.header, e)));
        tick();
      }
    }
    first = false;
  }
  if (opts.format === 'json') yield '\n]}\n';
}

/** The incidents the audience may receive, each holding only the events it may receive. */
async function* sources(deps: ExportDeps, since: Date | null, audience: Tlp): AsyncGenerator<ReportSource> {
  for await (const id of incidentIdsSince(deps.db, since)) {
    const incident = await findById(deps.db, id);
    if (incident && mayReceive(incidentTlp(incident), audience)) yield reportSource(deps, incident, { audience });
  }
}
