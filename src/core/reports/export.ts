// Every incident in one file, streamed: incidents are read one at a time and their events page by page, so memory
// stays flat however many there are. Machine formats only; a Markdown or HTML report is per incident.
import type { CoreDeps } from '../context.js';
import { AppError } from '../../shared/errors.js';
import { findById } from '../incidents/queries.js';
import { reportSource } from './build.js';
import { inChunks } from './formats/chunks.js';
import { CSV_COLUMNS, csvEventFields, csvRow } from './formats/csv.js';
import { jsonEvent, jsonHeader } from './formats/json.js';
import { TIMESKETCH_COLUMNS, timesketchCsvFields, timesketchRow } from './formats/timesketch.js';
import { incidentIdsSince } from './queries.js';
import { REPORT_VERSION, type ReportFormat, type ReportSource } from './report.js';

/** The formats an export can be written in. */
export const EXPORT_FORMATS: readonly ReportFormat[] = ['json', 'csv', 'timesketch', 'timesketch-csv'];

/** The value of an export document's `schema` field. */
export const EXPORT_SCHEMA = 'rampart.export';

/** What an export covers, and a callback told after each event is written (for progress bars). */
export interface ExportOptions {
  since: Date | null;
  format: ReportFormat;
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

async function* pieces(deps: ExportDeps, opts: ExportOptions): AsyncGenerator<string> {
  const tick = opts.onEvent ?? (() => {});
  if (opts.format === 'csv') yield csvRow(CSV_COLUMNS);
  if (opts.format === 'timesketch-csv') yield csvRow(TIMESKETCH_COLUMNS);
  if (opts.format === 'json') {
    const top = { schema: EXPORT_SCHEMA, version: REPORT_VERSION, generatedAt: deps.clock.now().toISOString(), since: opts.since?.toISOString() ?? null };
    yield `${JSON.stringify(top).slice(0, -1)},"incidents":[`;
  }
  let first = true;
  for await (const source of sources(deps, opts.since)) {
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

async function* sources(deps: ExportDeps, since: Date | null): AsyncGenerator<ReportSource> {
  for await (const id of incidentIdsSince(deps.db, since)) {
    const incident = await findById(deps.db, id);
    if (incident) yield reportSource(deps, incident);
  }
}
