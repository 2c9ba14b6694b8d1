// What the human formats (Markdown, HTML) show, as plain text: both print the same sections and each escapes the
// text its own way, so nothing here may contain markup.
import { FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { formatDuration } from '../phases.js';
import { progressWords } from '../../playbooks/run.js';
import type { PlaybookProgress, ReportAsk, ReportClock, ReportEvent, ReportEvidence, ReportFollowup, ReportHeader, TipFromIncident } from '../report.js';
import { ANSWER_WORDS } from '../../asks/ask.js';
import { collectedWords } from '../../evidence/evidence.js';
import type { Review } from '../../reviews/review.js';
import { labelIdsIn, personLabel } from '../../people/directory.js';

/** Names by user id (ReportHeader.names); a person missing from it shows as the bare id. */
type Names = Readonly<Record<string, string>>;

/** A table as plain text: headings, then rows of cells. */
export interface TextTable {
  head: string[];
  rows: string[][];
}

const HOUR_MS = 3_600_000;
const offsetCache = new Map<string, number | null>();
const zones = new Map<string, Zone>();

// The hour asked about last, and its offset when the whole hour has one: a timeline's events mostly come many to an
// hour, and this spares each of them the cache key and look-up below.
let lastHour = { zoneName: '', hour: NaN, offset: 0 };

/** The zone's UTC offset in minutes at `ms`; an unknown zone counts as UTC. */
function offsetAt(zoneName: string, ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  if (hour === lastHour.hour && zoneName === lastHour.zoneName) return lastHour.offset;
  let zone = zones.get(zoneName);
  if (!zone) zones.set(zoneName, (zone = IANAZone.isValidZone(zoneName) ? IANAZone.create(zoneName) : FixedOffsetZone.utcInstance));
  // Asking Intl for an offset costs microseconds, times 100,000 events. Offsets change at most once in an hour, so
  // when both ends of the hour agree, every instant in it has that offset; otherwise ask for this instant.
  const key = `${zoneName}@${hour}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const start = zone.offset(hour * HOUR_MS);
    offset = start === zone.offset((hour + 1) * HOUR_MS - 1) ? start : null;
    if (offsetCache.size >= 10_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  if (offset !== null) lastHour = { zoneName, hour, offset };
  return offset ?? zone.offset(ms);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A time as people read it, in the report's zone with its offset: `2026-11-24 11:00:05 +01:00` (luxon's `yyyy-MM-dd HH:mm:ss ZZ`). */
export function humanTime(d: Date | null, zone: string): string {
  if (!d) return '—';
  // Offsets before 1900-ish may hold seconds (local mean time): shift by all of it, show whole minutes, as luxon does.
  const offset = offsetAt(zone, d.getTime());
  const local = new Date(d.getTime() + Math.round(offset * 60_000)).toISOString();
  const abs = Math.abs(offset);
  return `${local.slice(0, 10)} ${local.slice(11, 19)} ${offset < 0 ? '-' : '+'}${pad2(Math.trunc(abs / 60))}:${pad2(Math.trunc(abs % 60))}`;
}

const orDash = (s: string | null | undefined): string => (s ? s : '—');

/** The incident's facts: type, severity, status and so on. */
export function summaryTable(h: ReportHeader): TextTable {
  const i = h.incident;
  const channel = i.channel ? (i.channel.name ? `#${i.channel.name} (${i.channel.id})` : i.channel.id) : '—';
  return {
    head: ['Field', 'Value'],
    rows: [
      ['Type', i.type],
      ['Severity', i.severity],
      ['Status', i.status],
      ['Visibility', i.private ? 'private' : 'public'],
      ['Drill', i.drill ? 'yes' : 'no'],
      ['Channel', channel],
      ['Merged into', i.mergedInto && i.mergedIntoTitle !== undefined ? `${i.mergedInto}: ${i.mergedIntoTitle}` : orDash(i.mergedInto)],
    ],
  };
}

/** Role holders first (reporter, commander, comms, scribe), then everyone else who recorded events. */
export function peopleTable(h: ReportHeader): TextTable {
  const byId = new Map<string, { roles: Set<string>; events: number }>();
  const entry = (id: string) => {
    const found = byId.get(id) ?? { roles: new Set<string>(), events: 0 };
    byId.set(id, found);
    return found;
  };
  const i = h.incident;
  // header.people should already name every role holder; merging keeps the table right if it does not.
  for (const [role, id] of [['reporter', i.reporter], ['commander', i.commander], ['comms', i.comms], ['scribe', i.scribe]] as const) {
    if (id) entry(id).roles.add(role);
  }
  for (const p of h.people) {
    const e = entry(p.userId);
    p.roles.forEach((r) => e.roles.add(r));
    e.events = p.events;
  }
  const rows = [...byId].map(([id, p]) => [personLabel(h.names ?? {}, id), p.roles.size ? [...p.roles].join(', ') : '—', String(p.events)]);
  return { head: ['Person', 'Roles', 'Events'], rows };
}

/** Declared, acknowledged, contained, resolved, closed, each with the time it took from the declaration. */
export function keyTimesTable(h: ReportHeader): TextTable {
  const t = h.keyTimes;
  const d = h.durations;
  const zone = h.timezone;
  const row = (label: string, at: Date | null, ms: number | null) => [label, humanTime(at, zone), formatDuration(ms)];
  return {
    head: ['Moment', 'When', 'Since declaration'],
    rows: [
      row('Declared', t.declared, null),
      row('Acknowledged', t.acknowledged, d.toAcknowledge),
      row('Contained', t.contained, d.toContain),
      row('Resolved', t.resolved, d.toResolve),
      row('Closed', t.closed, d.toClose),
    ],
  };
}

/** One row per stretch in a status; the status the incident is in now is marked "(now)". */
export function phasesTable(h: ReportHeader): TextTable {
  const rows = h.phases.map((p, n) => [
    String(n + 1),
    p.end === null ? `${p.status} (now)` : p.status,
    humanTime(p.start, h.timezone),
    humanTime(p.end, h.timezone),
    formatDuration(p.durationMs),
  ]);
  return { head: ['#', 'Status', 'Start', 'End', 'Duration'], rows };
}

/** One timeline row: what happened, when, who, and whether it was back-dated. */
export interface TimelineRow {
  seq: string;
  when: string;
  who: string;
  kind: string;
  what: string;
  /** e.g. `back-dated, recorded 2026-11-24 10:05:00 +01:00`, or `correction, recorded …` for a correction (it sits beside the event it corrects); null when recorded as it happened. */
  backdated: string | null;
}

/** The timeline row for an event. */
export function timelineRow(e: ReportEvent, zone: string, names: Names = {}): TimelineRow {
  // The summary normally says "(corrects #n)" already (describeEvent); add it when a producer left it out.
  const corrects = e.correctsSeq !== null && !e.summary.includes(`corrects #${e.correctsSeq}`) ? ` (corrects #${e.correctsSeq})` : '';
  return {
    seq: `#${e.seq}`,
    when: humanTime(e.occurredAt, zone),
    who: personLabel(names, e.actor),
    kind: e.kind,
    what: labelIdsIn(`${e.summary}${corrects}`, names),
    backdated: e.backdated ? `${e.correctsSeq !== null ? 'correction' : 'back-dated'}, recorded ${humanTime(e.recordedAt, zone)}` : null,
  };
}

/** A step as a checklist line: its mark (`x` done, ` ` open, `-` skipped), its text and what is known about it. */
export interface StepLine {
  mark: 'x' | ' ' | '-';
  section: string;
  text: string;
  detail: string | null;
}

/** A playbook run's progress line and its steps. */
export function playbookLines(run: PlaybookProgress, zone: string, names: Names = {}): { progress: string; steps: StepLine[] } {
  const progress = `${progressWords(run)} · started by ${personLabel(names, run.startedBy)} at ${humanTime(run.startedAt, zone)}`;
  const steps = run.steps.map((s): StepLine => {
    const parts: string[] = [];
    if (s.state === 'skipped') parts.push(s.note ? `skipped: ${s.note}` : 'skipped');
    else if (s.note) parts.push(s.note);
    if (s.state === 'open' && s.assignee) parts.push(`assigned to ${personLabel(names, s.assignee)}`);
    if (s.state !== 'open' && s.changedBy) parts.push(`by ${personLabel(names, s.changedBy)} at ${humanTime(s.changedAt, zone)}`);
    const mark = s.state === 'done' ? 'x' : s.state === 'skipped' ? '-' : ' ';
    return { mark, section: s.section, text: `${s.number}. ${s.title}`, detail: parts.length ? parts.join(' · ') : null };
  });
  return { progress, steps };
}

/** The review's free-text parts, in reading order, with their headings. */
export function reviewSections(r: Review): [heading: string, text: string][] {
  return [
    ['Summary', r.summary],
    ['Impact', r.impact],
    ['Root cause', r.rootCause],
    ['What went well', r.wentWell],
    ['What went wrong', r.wentWrong],
  ];
}

/** "Version 2 of 3, saved by U… at …". */
export function reviewByline(r: Review, versions: number, zone: string, names: Names = {}): string {
  return `Version ${r.version} of ${versions}, saved by ${personLabel(names, r.savedBy)} at ${humanTime(r.savedAt, zone)}`;
}

/** The review's action items with owner and due date. */
export function actionItemsTable(r: Review, names: Names = {}): TextTable {
  return { head: ['Action', 'Owner', 'Due'], rows: r.actionItems.map((a) => [a.text, a.owner ? labelIdsIn(a.owner, names) : '—', orDash(a.due)]) };
}

/** The follow-ups with owner, due date and state, and how many are open. */
export function followupsTable(followups: readonly ReportFollowup[], names: Names = {}): TextTable & { open: number } {
  return {
    head: ['Follow-up', 'Owner', 'Due', 'State'],
    rows: followups.map((f) => [f.text, f.owner ? personLabel(names, f.owner) : '—', orDash(f.due), f.state]),
    open: followups.filter((f) => f.state === 'open').length,
  };
}

/** A clock's byline (regime, awareness, why, state) and its deadlines as a table with their standing and notices. */
export function clockTable(c: ReportClock, zone: string): TextTable & { byline: string } {
  const parts = [`Aware since ${humanTime(c.awareAt, zone)}`, c.backdateReason ? `back-dated: ${c.backdateReason}` : '', c.why ? `for ${c.why}` : '', c.state === 'stopped' ? `stopped${c.stopReason ? `: ${c.stopReason}` : ''}` : ''];
  return {
    byline: parts.filter(Boolean).join(' · '),
    head: ['Deadline', 'Due', 'Status', 'Notified', 'To', 'Reference'],
    rows: c.deadlines.map((d) => [d.label, humanTime(d.dueAt, zone), d.status, d.notifiedAt ? humanTime(d.notifiedAt, zone) : '—', orDash(d.notifiedTo), orDash(d.reference)]),
  };
}

/** The "was this you?" questions with who was asked, by whom, and the answer with its time; and how many are answered. */
export function asksTable(asks: readonly ReportAsk[], zone: string, names: Names = {}): TextTable & { answered: number } {
  const pending = (a: ReportAsk) => (a.escalated ? 'no answer (reported to the commander)' : a.reminded ? 'no answer (reminded)' : 'no answer yet');
  return {
    head: ['Asked', 'Question', 'Asked by', 'Answer', 'Answered'],
    rows: asks.map((a) => [personLabel(names, a.userId), a.question, `${personLabel(names, a.askedBy)} at ${humanTime(a.askedAt, zone)}`, a.answer ? ANSWER_WORDS[a.answer] : pending(a), humanTime(a.answeredAt, zone)]),
    answered: asks.filter((a) => a.answer !== null).length,
  };
}

/** The evidence log's items: what, where, hash, collection, holder and marking (an item without its own: the incident's). */
export function evidenceTable(items: readonly ReportEvidence[], names: Names = {}): TextTable {
  return {
    head: ['Item', 'What', 'Stored at', 'SHA-256', 'Collected', 'Holder', 'Marking'],
    rows: items.map((e) => [
      e.ref,
      e.description,
      e.location,
      orDash(e.sha256),
      `${personLabel(names, e.collectedBy)}, ${collectedWords({ collectedAt: e.collectedAt, collectedZone: e.zone })}`,
      personLabel(names, e.holder),
      e.tlp ? `TLP:${e.tlp}` : 'the incident’s',
    ]),
  };
}

/** An item's chain of custody and re-checks, one line each in order, from its collection on; a mismatch is said loudly. */
export function custodyLines(e: ReportEvidence, zone: string, names: Names = {}): { text: string; mismatch: boolean }[] {
  const events = [
    ...e.custody.map((c) => ({ at: c.at, mismatch: false, text: `${personLabel(names, c.from)} → ${personLabel(names, c.to)}: ${c.reason} (recorded by ${personLabel(names, c.by)})` })),
    ...e.checks.map((c) => ({
      at: c.at,
      mismatch: !c.matches,
      text: c.matches
        ? `SHA-256 re-checked (${c.via === 'file' ? 'computed from the file' : 'given'}) by ${personLabel(names, c.by)}: matches`
        : `HASH MISMATCH (${c.via === 'file' ? 'computed from the file' : 'given'}) by ${personLabel(names, c.by)}: expected ${c.expected}, got ${c.actual}`,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const collected = { text: `${humanTime(e.collectedAt, zone)}: collected by ${personLabel(names, e.collectedBy)}`, mismatch: false };
  return [collected, ...events.map((x) => ({ text: `${humanTime(x.at, zone)}: ${x.text}`, mismatch: x.mismatch }))];
}

/** What a tip's posts amounted to, one line per post. */
export function tipLines(t: TipFromIncident, zone: string, names: Names = {}): { byline: string; posts: string[] } {
  const posts = t.posts.map((p) => {
    const acks = p.audience === null ? `${p.acks} acknowledged` : `${p.acks} of ${p.audience} acknowledged`;
    return `Posted in ${p.channelId} at ${humanTime(p.postedAt, zone)}: ${acks}`;
  });
  return { byline: `Created by ${personLabel(names, t.createdBy)} at ${humanTime(t.createdAt, zone)}`, posts };
}
