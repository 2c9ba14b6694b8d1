// `/incident timeline`: the phases with their durations, then the events in the order they happened, cut down to
// the key events (with a pointer to the full report) when they would not fit in one message.
import { formatDuration, plural, tlpLabel, withheldText } from '../../core/index.js';
import type { ShortTimeline, ReportEvent, ReportHeader } from '../../core/index.js';
import { message } from './message.js';
import { escapeMrkdwn, escapedByRenderer } from './mrkdwn.js';
import { clip, context, header, md, mention, packLines, section, slackDate, type Mrkdwn } from './text.js';
import { drillPlainPrefix, drillPrefix } from './drill.js';

/** Events shown in full below this many; past it, key events only. Keeps the message far inside Slack's limits. */
export const TIMELINE_LIMIT = 100;
const MAX_EVENT_SECTIONS = 44;

/** The timeline message for one incident. */
export function timelineMessage(h: ReportHeader, short: ShortTimeline) {
  const ref = h.incident.ref;
  const phases = h.phases
    .map((p) => `${p.status}\n${p.end === null ? (p.durationMs === null ? '' : `${formatDuration(p.durationMs)} so far`) : formatDuration(p.durationMs)}`.trim().split('\n'))
    .map(([status, time]) => md`*${status ?? ''}*${time ? ` ${time}` : ''}`);
  const d = h.durations;
  const times = md`*Time to acknowledge* ${formatDuration(d.toAcknowledge)} · *to contain* ${formatDuration(d.toContain)} · *to resolve* ${formatDuration(d.toResolve)}`;
  const lines = short.events.map(eventLine);
  const { sections: shown, shown: fitted } = packLines(lines, MAX_EVENT_SECTIONS);
  const cut = fitted < lines.length;
  const note = short.keyOnly
    ? md`Showing ${plural(short.events.length, 'key event')} of ${short.total}${short.keyOmitted ? ` (${plural(short.keyOmitted, 'more key event')} from the middle left out)` : ''}. The full timeline is in the report: \`/incident report ${ref}\`.`
    : cut
      ? md`Some events did not fit. The full timeline is in the report: \`/incident report ${ref}\`.`
      : md`${plural(short.total, 'event')}. Times show in your own time zone; :hourglass: marks events recorded later than they happened.`;
  return message(md`${drillPrefix(h.incident)}${ref} timeline: ${plural(short.total, 'event')}`, [
    header(`${drillPlainPrefix(h.incident)}${ref} timeline: ${h.incident.title}`),
    ...(h.tlp ? [context(md`*${h.tlp.statement}*${withheldNote(h.tlp)}`)] : []),
    section(md`*Phases:* ${joinPhases(phases)}\n${times}`),
    ...(shown.length > 0 ? shown.map(section) : [section(md`_No events._`)]),
    context(note),
  ]);
}

/** One event in one line: when, what, who; back-dated events say when they were recorded. */
function eventLine(e: ReportEvent): Mrkdwn {
  // A correction sits at the time of the event it corrects, so it is always recorded later: it is not back-dating.
  const late = !e.backdated ? '' : e.correctsSeq !== null ? md` _correction, recorded ${slackDate(e.recordedAt)}_` : md` :hourglass: _recorded ${slackDate(e.recordedAt)}_`;
  // User ids in a summary become mentions: the text around them is escaped first, so only the id is markup.
  const summary = escapedByRenderer(escapeMrkdwn(clip(e.summary, 280)).replace(/\b([UW][A-Z0-9]{8,})\b/g, (id) => mention(id).text));
  const actor = e.actor === 'rampart' || e.actor === 'cli' ? e.actor : mention(e.actor);
  return md`\`#${e.seq}\` ${slackDate(e.occurredAt)} ${summary} — ${actor}${late}`;
}

/** What the audience was not given, after the marking: " Written for a TLP:AMBER audience: 1 note withheld (TLP:RED)." */
function withheldNote(tlp: NonNullable<ReportHeader['tlp']>): string {
  const withheld = withheldText(Object.fromEntries(tlp.withheld.map((w) => [w.marking, w.count])), 'timeline event');
  return withheld ? ` Shared with a ${tlpLabel(tlp.audience)} audience: ${withheld}.` : '';
}

function joinPhases(phases: Mrkdwn[]): Mrkdwn {
  return phases.reduce((all, p, i) => (i === 0 ? p : md`${all} → ${p}`), md``);
}
