// `/incident timeline`: the phases with their durations, then the events in the order they happened, cut down to
// the key events (with a pointer to the full report) when they would not fit in one message.
import { formatDuration } from '../../core/reports/phases.js';
import type { ShortTimeline } from '../../core/reports/read.js';
import type { ReportEvent, ReportHeader } from '../../core/reports/report.js';
import { clip, context, escapeText, header, packLines, section, slackDate } from './text.js';
import { drillPlainPrefix, drillPrefix } from './drill.js';

/** Events shown in full below this many; past it, key events only. Keeps the message far inside Slack's limits. */
export const TIMELINE_LIMIT = 100;
const MAX_EVENT_SECTIONS = 44;

/** The timeline message for one incident. */
export function timelineMessage(h: ReportHeader, short: ShortTimeline) {
  const ref = h.incident.ref;
  const phases = h.phases
    .map((p) => `*${p.status}* ${p.end === null ? (p.durationMs === null ? '' : `${formatDuration(p.durationMs)} so far`) : formatDuration(p.durationMs)}`.trim())
    .join(' → ');
  const d = h.durations;
  const times = [`*Time to acknowledge* ${formatDuration(d.toAcknowledge)}`, `*to contain* ${formatDuration(d.toContain)}`, `*to resolve* ${formatDuration(d.toResolve)}`];
  const lines = short.events.map(eventLine);
  const { sections: shown, shown: fitted } = packLines(lines, MAX_EVENT_SECTIONS);
  const cut = fitted < lines.length;
  const note = short.keyOnly
    ? `Showing ${short.events.length} key events of ${short.total}${short.keyOmitted ? ` (${short.keyOmitted} more key events from the middle left out)` : ''}. The full timeline is in the report: \`/incident report ${ref}\`.`
    : cut
      ? `Some events did not fit. The full timeline is in the report: \`/incident report ${ref}\`.`
      : `${short.total} events. Times show in your own time zone; :hourglass: marks events recorded later than they happened.`;
  return {
    text: `${drillPrefix(h.incident)}${ref} timeline: ${short.total} events`,
    blocks: [
      header(`${drillPlainPrefix(h.incident)}${ref} timeline: ${h.incident.title}`),
      section(`*Phases:* ${phases}\n${times.join(' · ')}`),
      ...(shown.length > 0 ? shown.map(section) : [section('_No events._')]),
      context(note),
    ],
  };
}

/** One event in one line: when, what, who; back-dated events say when they were recorded. */
function eventLine(e: ReportEvent): string {
  const late = e.backdated ? ` :hourglass: _recorded ${slackDate(e.recordedAt)}_` : '';
  const summary = escapeText(clip(e.summary, 280)).replace(/\b([UW][A-Z0-9]{8,})\b/g, '<@$1>');
  const actor = e.actor === 'rampart' || e.actor === 'cli' ? e.actor : `<@${e.actor}>`;
  return `\`#${e.seq}\` ${slackDate(e.occurredAt)} ${summary} — ${actor}${late}`;
}
