// The HTML report's chart: the incident's phases as coloured bands along a time axis, and its events as marks on
// it (one per event, or counts per pixel column for large reports; see timeline-marks.ts). The axis is in pieces
// (svg-scale.ts) so every phase shows whatever the spread of times, and events before the declaration sit in a band
// of their own. Every mark and band has a <title> (hover) and every band a label, and the legend explains them for
// paper. Fill attributes rather than CSS classes, so print styles cannot wash it out; no xmlns, which inline SVG in
// HTML does not need; no emoji, which print as empty boxes without an emoji font.
import { DateTime } from 'luxon';
import { plural } from '../../plural.js';
import type { ReportHeader } from '../report.js';
import type { Status } from '../../incidents/incident.js';
import { formatDuration } from '../phases.js';
import { humanTime } from './human.js';
import { escapeHtml } from './html-escape.js';
import { piecewiseScale, type PiecewiseScale, type Segment } from './svg-scale.js';
import { COLUMNS, nominalEnd, type TimelineMarks } from './timeline-marks.js';

const WIDTH = 960;
const LEFT = 30;
const PLOT = COLUMNS;
const HEIGHT = 190;
const LEGEND_Y = 166;
const BAND = { y: 26, h: 32 };
const MARKS = { y: 88, h: 24 };
const AXIS_Y = 112;
/** Closest two tick labels may be, in pixels, before the later one is left to its tick's tooltip. */
const LABEL_SPACING = 76;

/** Light fills that print well on white paper. */
const FILL: Record<Status, string> = {
  triage: '#fde68a',
  investigating: '#fca5a5',
  contained: '#fdba74',
  resolved: '#86efac',
  closed: '#d1d5db',
  declined: '#e5e7eb',
  merged: '#c4b5fd',
};
const EVENT = '#1d4ed8';
const BACKDATED = '#7c3aed';

const round = (n: number) => Math.round(n * 10) / 10;
const text = (x: number, y: number, s: string, anchor = 'middle', size = 11) =>
  `<text x="${round(x)}" y="${y}" font-size="${size}" fill="#374151" text-anchor="${anchor}">${escapeHtml(s)}</text>`;

/** The chart's time span: from the declaration (or an earlier back-dated event) to the end (or a later event). */
function rangeOf(h: ReportHeader, marks: TimelineMarks): { first: number; last: number } {
  let first = h.keyTimes.declared.getTime();
  let last = nominalEnd(h);
  if (marks.kind === 'events') {
    const a = marks.events[0];
    const b = marks.events.at(-1);
    if (a) first = Math.min(first, a.at);
    if (b) last = Math.max(last, b.at);
  } else {
    first = Math.min(first, marks.start);
    const used = marks.counts.reduce((end, n, i) => (n > 0 ? i + 1 : end), 0);
    last = Math.max(last, marks.start + used * marks.width);
  }
  // A zero-length axis (an incident declared and closed at once) still needs a scale.
  return { first, last: Math.max(last, first + 60_000) };
}

/** An inline `<svg>` of the phases as bands and the events as marks, with `<title>` tooltips and labels. */
export function timelineSvg(header: ReportHeader, marks: TimelineMarks): string {
  const zone = header.timezone;
  const range = rangeOf(header, marks);
  const scale = piecewiseScale(header, range, LEFT, PLOT);
  const out: string[] = [
    `<svg class="timeline-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">${escapeHtml(`${header.incident.ref}: phases and events from ${humanTime(new Date(range.first), zone)} to ${humanTime(new Date(range.last), zone)}`)}</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    ...beforeBand(scale, zone),
    ...phaseBands(header, scale),
  ];
  const declared = scale.x(header.keyTimes.declared.getTime());
  out.push(`<line x1="${declared}" y1="${BAND.y - 8}" x2="${declared}" y2="${AXIS_Y}" stroke="#374151" stroke-dasharray="3 3"><title>declared ${escapeHtml(humanTime(header.keyTimes.declared, zone))}</title></line>`);
  out.push(text(declared, BAND.y - 12, 'declared', declared > LEFT + PLOT - 30 ? 'end' : declared < LEFT + 30 ? 'start' : 'middle'));
  out.push(...marksSvg(marks, scale, zone), ...axis(scale, zone), ...legend(header, marks), '</svg>');
  return out.join('\n');
}

/** Events before the declaration: a hatched-looking grey band at the left, labelled, then a break in the axis. */
function beforeBand(scale: PiecewiseScale, zone: string): string[] {
  const b = scale.segments.find((s) => s.kind === 'before');
  if (!b) return [];
  const tip = `before the declaration: ${humanTime(new Date(b.from), zone)} – ${humanTime(new Date(b.to), zone)} (${formatDuration(b.to - b.from)}, drawn shorter)`;
  return [
    `<g class="band band-before"><rect x="${b.x0}" y="${BAND.y}" width="${round(b.x1 - b.x0)}" height="${BAND.h}" fill="#f3f4f6" stroke="#9ca3af" stroke-dasharray="4 3"/><title>${escapeHtml(tip)}</title>${text((b.x0 + b.x1) / 2, BAND.y + 20, 'before declaration')}</g>`,
  ];
}

/** One band per phase, each labelled with its status when that fits, else with its number in the Phases table. */
function phaseBands(h: ReportHeader, scale: PiecewiseScale): string[] {
  const zone = h.timezone;
  const phases = scale.segments.filter((s) => s.kind === 'phase');
  return h.phases.map((p, n) => {
    const seg = phases[n]!;
    const tip = `${n + 1}. ${p.status}: ${humanTime(p.start, zone)} – ${p.end ? humanTime(p.end, zone) : 'now'} (${formatDuration(p.durationMs)})`;
    const w = seg.x1 - seg.x0;
    const label = w > p.status.length * 7 + 6 ? p.status : String(n + 1);
    return `<g class="band band-${p.status}"><rect x="${seg.x0}" y="${BAND.y}" width="${round(w)}" height="${BAND.h}" fill="${FILL[p.status] ?? '#e5e7eb'}" stroke="#ffffff"/><title>${escapeHtml(tip)}</title>${text((seg.x0 + seg.x1) / 2, BAND.y + 20, label, 'middle', 12)}</g>`;
  });
}

/** The event marks: circles with a tooltip each, or one bar per non-empty column with its count. */
function marksSvg(marks: TimelineMarks, scale: PiecewiseScale, zone: string): string[] {
  const label = text(LEFT, MARKS.y - 6, 'events', 'start', 10);
  if (marks.kind === 'events') {
    return [
      label,
      ...marks.events.map(
        (m) =>
          `<circle class="mark" cx="${scale.x(m.at)}" cy="${MARKS.y + MARKS.h / 2}" r="3.5" fill="${m.backdated ? BACKDATED : EVENT}" fill-opacity="0.7"><title>${escapeHtml(m.label)}</title></circle>`,
      ),
    ];
  }
  const max = Math.max(1, ...marks.counts);
  const total = marks.counts.reduce((a, b) => a + b, 0);
  const bars: string[] = [label, text(LEFT + PLOT, MARKS.y - 6, `${plural(total, 'event')}, counted per column`, 'end')];
  marks.counts.forEach((n, i) => {
    if (n === 0) return;
    const start = marks.start + i * marks.width;
    // Square-root scale: one busy minute must not flatten every other column.
    const h = Math.max(2, round((Math.sqrt(n) / Math.sqrt(max)) * MARKS.h));
    const x0 = scale.x(start);
    const w = Math.max(1, round(scale.x(start + marks.width) - x0));
    const tip = `${plural(n, 'event')}, ${humanTime(new Date(start), zone)} – ${humanTime(new Date(start + marks.width), zone)}`;
    bars.push(`<rect class="bucket" x="${x0}" y="${MARKS.y + MARKS.h - h}" width="${w}" height="${h}" fill="${EVENT}"><title>${escapeHtml(tip)}</title></rect>`);
  });
  return bars;
}

/** The axis line per segment (broken after the before band), a tick at each boundary, labels where they fit. */
function axis(scale: PiecewiseScale, zone: string): string[] {
  const out: string[] = [];
  for (const s of scale.segments) out.push(`<line x1="${s.x0}" y1="${AXIS_Y}" x2="${s.x1}" y2="${AXIS_Y}" stroke="#374151"/>`);
  const before = scale.segments.find((s) => s.kind === 'before');
  // The break: two short slanted strokes in the gap, as on a hand-drawn broken axis.
  if (before) for (const dx of [5, 10]) out.push(`<line x1="${before.x1 + dx - 2}" y1="${AXIS_Y + 5}" x2="${before.x1 + dx + 2}" y2="${AXIS_Y - 5}" stroke="#374151"/>`);
  const ticks = tickTimes(scale.segments);
  let lastLabel = -Infinity;
  let lastLabelAt = -1;
  ticks.forEach(({ at, x }, k) => {
    const local = DateTime.fromMillis(at, { zone });
    const label = (local.isValid ? local : DateTime.fromMillis(at, { zone: 'utc' })).toFormat('dd LLL HH:mm');
    out.push(`<line x1="${x}" y1="${AXIS_Y}" x2="${x}" y2="${AXIS_Y + 4}" stroke="#374151"><title>${escapeHtml(humanTime(new Date(at), zone))}</title></line>`);
    // The last tick is always labelled (the end matters); others only when clear of the previous label.
    const isLast = k === ticks.length - 1;
    if (x - lastLabel < LABEL_SPACING && !isLast) return;
    if (isLast && x - lastLabel < LABEL_SPACING && lastLabelAt >= 0) out.splice(lastLabelAt, 1);
    const anchor = k === 0 ? 'start' : isLast ? 'end' : 'middle';
    lastLabelAt = out.push(text(x, AXIS_Y + 17, label, anchor)) - 1;
    lastLabel = x;
  });
  return out;
}

/** A tick at the start of each segment and at the end of the last one (several segments may share a boundary). */
function tickTimes(segments: readonly Segment[]): { at: number; x: number }[] {
  const ticks = segments.map((s) => ({ at: s.from, x: s.x0 }));
  const last = segments.at(-1)!;
  ticks.push({ at: last.to, x: last.x1 });
  return ticks.filter((t, i) => i === 0 || t.x - ticks[i - 1]!.x >= 1);
}

/** A key to the band colours and the marks, for narrow bands and for paper, where tooltips do not exist. */
function legend(h: ReportHeader, marks: TimelineMarks): string[] {
  const statuses = [...new Set(h.phases.map((p) => p.status))];
  let x = LEFT;
  const items = statuses.map((status) => {
    const item = `<rect x="${x}" y="${LEGEND_Y - 9}" width="10" height="10" fill="${FILL[status] ?? '#e5e7eb'}"/>${text(x + 14, LEGEND_Y, status, 'start')}`;
    x += 24 + status.length * 7;
    return item;
  });
  if (marks.kind === 'events') {
    for (const [fill, what] of [[EVENT, 'event'], [BACKDATED, 'back-dated event']] as const) {
      items.push(`<circle cx="${x + 5}" cy="${LEGEND_Y - 4}" r="3.5" fill="${fill}" fill-opacity="0.7"/>${text(x + 14, LEGEND_Y, what, 'start')}`);
      x += 24 + what.length * 7;
    }
  }
  items.push(text(LEFT, LEGEND_Y + 16, 'A number in a band is its row in the Phases table; hover over a band or mark for its times.', 'start', 10));
  return items;
}
