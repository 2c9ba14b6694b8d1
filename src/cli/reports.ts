// `rampart report|export|stats`: reports and figures from a terminal. The CLI is a trusted operator, so private
// incidents are included in full; what it writes is the operator's to keep safe.
import { Presets, SingleBar } from 'cli-progress';
import { DateTime } from 'luxon';
import type { Config } from '../config.js';
import { AppError } from '../shared/errors.js';
import { statsLines, renderReport, parseReportFormat, EXPORT_FORMATS, plural, tlpLabel } from '../core/index.js';
import { OPERATOR, withCore } from './commands.js';
import { audienceOption } from './tlp.js';
import type { CliOutput } from './output.js';

type Out = (line: string) => void;

/** `rampart report <ref> [--format f] [--out FILE] [--tlp MARKING]`: --tlp writes it for a wider audience than the operator. */
export async function reportCommand(config: Config, ref: string, opts: { format: string; out?: string; tlp?: string }, output: CliOutput): Promise<void> {
  const format = parseReportFormat(opts.format);
  const audience = audienceOption(opts.tlp);
  await withCore(config, async (core) => {
    const { incident, source } = await core.tlp.report(OPERATOR, ref, { audience });
    await output.writeChunks(renderReport(format, source), opts.out);
    if (opts.out) output.out(`Wrote ${incident.ref}'s report (${plural(source.header.eventCount, 'event')}) to ${opts.out}.`);
  });
}

/** `rampart stats [--period 30d|90d|365d|all]`. */
export async function statsCommand(config: Config, period: string | undefined, out: Out): Promise<void> {
  await withCore(config, async (core) => {
    const stats = await core.stats(OPERATOR, period);
    for (const line of statsLines(stats)) out(line);
  });
}

/** Reads `--since` as a date or time in the configured zone (`2026-01-01`, `2026-01-01T09:00`), or refuses it. */
export function parseSince(text: string | undefined, timezone: string, parse: (t: string, zone: string) => Date | null): Date | null {
  if (text === undefined) return null;
  const d = parse(text, timezone);
  if (!d) throw new AppError('invalid_input', `--since takes a date such as 2026-01-01 (or 2026-01-01T09:00), not "${text}".`);
  return d;
}

/** `rampart export [--since DATE] [--format f] [--tlp MARKING] --out FILE`, with a progress bar when stderr is a terminal. */
export async function exportCommand(config: Config, opts: { since?: string; format: string; out: string; tlp?: string }, output: CliOutput): Promise<void> {
  const format = parseReportFormat(opts.format, EXPORT_FORMATS);
  const audience = audienceOption(opts.tlp);
  const since = parseSince(opts.since, config.timezone, sinceDate);
  await withCore(config, async (core) => {
    const size = await core.exportSize(since);
    const bar = output.stderr.isTTY ? new SingleBar({ format: 'Exporting {bar} {value}/{total} events · {eta_formatted} left', hideCursor: true, stream: output.stderr }, Presets.shades_classic) : undefined;
    bar?.start(size.events, 0);
    try {
      await output.writeChunks(core.exportAll({ since, format, audience, onEvent: () => bar?.increment() }), opts.out);
    } finally {
      bar?.stop();
    }
    output.out(`Exported ${plural(size.incidents, 'incident')} (${plural(size.events, 'event')}) to ${opts.out}.`);
    if (audience !== 'RED') output.out(`Written for a ${tlpLabel(audience)} audience: what is marked more strictly is left out, and the file says how much.`);
  });
}

/** A date or date-time in the zone, or null when it is not one. */
function sinceDate(text: string, zone: string): Date | null {
  const d = DateTime.fromISO(text.trim(), { zone });
  return d.isValid ? d.toJSDate() : null;
}
