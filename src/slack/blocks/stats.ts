// `/incident stats`: the figures as a Block Kit message. The weekly chart goes separately, as a file shared in the
// requester's direct messages (src/slack/listeners/commands/incident/stats.ts).
import type { Stats } from '../../core/index.js';
import { TIME_METRICS, alignColumns, exclusionNote, formatRate, periodText, timeTable, SEVERITIES } from '../../core/index.js';
import { message } from './message.js';
import { context, header, joinMd, md, section, sevLabel, type Mrkdwn } from './text.js';

/** Months listed in Slack; an all-time period can span years, which the CLI (`rampart stats all`) shows in full. */
export const SLACK_MONTHS = 24;

const METRIC_TITLES = { acknowledge: 'Time to acknowledge', contain: 'Time to contain', resolve: 'Time to resolve' } as const;

/** The stats message; `note` (where the chart went, or why it is missing) ends it. */
export function statsMessage(stats: Stats, note?: Mrkdwn) {
  const c = stats.counts;
  const text = md`Incident statistics · ${stats.period.label}: ${c.total} incident${c.total === 1 ? '' : 's'}, declined rate ${formatRate(stats.declinedRate)}`;
  const summary = section(
    md`*Incidents:* ${c.total} (declined ${c.declined}, merged ${c.merged})   *Declined (false positive) rate:* ${formatRate(stats.declinedRate)}   *Drills:* ${c.drills} _(not counted)_${
      stats.notificationDeadlines ? md`\n*Notification deadlines due:* ${stats.notificationDeadlines.met} met, ${stats.notificationDeadlines.missed} missed` : ''
    }`,
  );
  const details =
    c.total === 0
      ? [section(md`No incidents were declared in this period.`)]
      : [
          section(
            md`*By severity*\n${SEVERITIES.map((s) => `${sevLabel(s)}: ${stats.bySeverity[s]}`).join(' · ')}\n*By type*\n${joinMd(
              stats.byType.map((t) => md`${t.type}: ${t.count}`),
              ' · ',
            )}`,
          ),
          monthSection(stats),
          ...TIME_METRICS.map((m) => section(md`*${METRIC_TITLES[m]}*\n${codeBlock(timeTable(stats, m))}`)),
        ];
  return message(text, [header(`Incident statistics · ${stats.period.label}`), context(md`${periodText(stats)}`), summary, ...details, context(md`${exclusionNote(stats)}`), ...(note ? [context(note)] : [])]);
}

function monthSection(stats: Stats) {
  const months = stats.byMonth.slice(-SLACK_MONTHS);
  const left = stats.byMonth.length - months.length;
  const table = alignColumns([['Month', 'Incidents'], ...months.map((m) => [m.month, String(m.count)])]);
  const note = left > 0 ? md`\n_Last ${SLACK_MONTHS} months shown; \`rampart stats ${stats.period.name}\` lists all ${stats.byMonth.length}._` : '';
  return section(md`*By month*\n${codeBlock(table)}${note}`);
}

// Code blocks keep the columns aligned in Slack's monospace font.
function codeBlock(lines: string[]): Mrkdwn {
  return md`\`\`\`\n${lines.join('\n')}\n\`\`\``;
}
