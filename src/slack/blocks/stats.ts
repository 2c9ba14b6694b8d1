// `/incident stats`: the figures as a Block Kit message, with the weekly chart once the adapter has uploaded it.
import type { Stats } from '../../core/metrics/stats.js';
import { TIME_METRICS } from '../../core/metrics/stats.js';
import { alignColumns, exclusionNote, formatRate, periodText, timeTable } from '../../core/metrics/table.js';
import { SEVERITIES } from '../../core/incidents/incident.js';
import { context, escapeText, header, section, sevLabel } from './text.js';

/** Months listed in Slack; an all-time period can span years, which the CLI (`rampart stats all`) shows in full. */
export const SLACK_MONTHS = 24;

const METRIC_TITLES = { acknowledge: 'Time to acknowledge', contain: 'Time to contain', resolve: 'Time to resolve' } as const;

/** The stats message; `chart` is the uploaded PNG of the weekly chart, shown as an image block. */
export function statsMessage(stats: Stats, chart?: { fileId: string }) {
  const c = stats.counts;
  const text = `Incident statistics · ${stats.period.label}: ${c.total} incident${c.total === 1 ? '' : 's'}, declined rate ${formatRate(stats.declinedRate)}`;
  const summary = section(
    `*Incidents:* ${c.total} (declined ${c.declined}, merged ${c.merged})   *Declined (false positive) rate:* ${formatRate(stats.declinedRate)}   ` +
      `*Drills:* ${c.drills} _(not counted)_`,
  );
  const details =
    c.total === 0
      ? [section('No incidents were declared in this period.')]
      : [
          section(
            `*By severity*\n${SEVERITIES.map((s) => `${sevLabel(s)}: ${stats.bySeverity[s]}`).join(' · ')}\n` +
              `*By type*\n${stats.byType.map((t) => `${escapeText(t.type)}: ${t.count}`).join(' · ')}`,
          ),
          monthSection(stats),
          ...TIME_METRICS.map((m) => section(`*${METRIC_TITLES[m]}*\n${codeBlock(timeTable(stats, m))}`)),
        ];
  const blocks = [
    header(`Incident statistics · ${stats.period.label}`),
    context(escapeText(periodText(stats))),
    summary,
    ...details,
    ...(chart ? [{ type: 'image', slack_file: { id: chart.fileId }, alt_text: 'Incidents per week by severity' } as const] : []),
    context(escapeText(exclusionNote(stats))),
  ];
  return { text, blocks };
}

function monthSection(stats: Stats) {
  const months = stats.byMonth.slice(-SLACK_MONTHS);
  const left = stats.byMonth.length - months.length;
  const table = alignColumns([['Month', 'Incidents'], ...months.map((m) => [m.month, String(m.count)])]);
  const note = left > 0 ? `\n_Last ${SLACK_MONTHS} months shown; \`rampart stats ${stats.period.name}\` lists all ${stats.byMonth.length}._` : '';
  return section(`*By month*\n${codeBlock(table)}${note}`);
}

// Code blocks keep the columns aligned in Slack's monospace font.
function codeBlock(lines: string[]): string {
  return `\`\`\`\n${lines.join('\n')}\n\`\`\``;
}
