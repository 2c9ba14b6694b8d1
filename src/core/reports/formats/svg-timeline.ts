// The HTML report's chart: the incident's phases as coloured bands along a time axis, and its events as marks on
// it (one per event, or counts per pixel column for large reports; see timeline-marks.ts). Fill attributes rather
// than CSS classes, so print styles cannot wash it out; no xmlns, which inline SVG in HTML does not need.
import { DateTime } from 'luxon';
import type { ReportHeader } from '../report.js';
import type { Status } from '../../incidents/incident.js';
import { formatDuration } from '../phases.js';
import { humanTime } from './human.js';
import { escapeHtml } from './html-escape.js';
import { COLUMNS, nominalEnd, type TimelineMarks } from './timeline-marks.js';

const WIDTH = 960;
const LEFT = 30;
const PLOT = COLUMNS;
const HEIGHT = 156;
const LEGEND_Y = 146;
const BAND = { y: 26, h: 32 };
const MARKS = { y: 88, h: 24 };
const AXIS_Y = 112;

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

const round = (n: number) => Math.round(n * 10) / 10;

/** The chart's time span: from the declaration (or an earlier back-dated event) to the end (or a later event). */
function axisOf(h: ReportHeader, marks: TimelineMarks): { from: number; to: number } {
  let from = h.keyTimes.declared.getTime();
  let to = nominalEnd(h);
  if (marks.kind === 'events') {
    const first = marks.events[0];
    const last = marks.events.at(-1);
    if (first) from = Math.min(from, first.at);
    if (last) to = Math.max(to, last.at);
  } else {
    from = Math.min(from, marks.start);
    const used = marks.counts.reduce((end, n, i) => (n > 0 ? i + 1 : end), 0);
    to = Math.max(to, marks.start + used * marks.width);
  }
  // A zero-length axis (an incident declared and closed at once) still needs a scale.
  return { from, to: Math.max(to, from + 60_000) };
}

/** An inline `<svg>` of the phases as bands and the events as marks, with `<title>` tooltips. */
export function timelineSvg(header: ReportHeader, marks: TimelineMarks): string {
  const zone = header.timezone;
  const { from, to } = axisOf(header, marks);
  const x = (ms: number) => round(LEFT + ((ms - from) / (to - from)) * PLOT);
  const out: string[] = [
    `<svg class="timeline-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">${escapeHtml(`${header.incident.ref}: phases and events from ${humanTime(new Date(from), zone)} to ${humanTime(new Date(to), zone)}`)}</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
  ];
  for (const p of header.phases) {
    const x0 = x(p.start.getTime());
    // A final status (closed) has no length; give it a sliver so it still shows.
    const x1 = Math.max(x(p.end?.getTime() ?? to), x0 + 3);
    const tip = `${p.status}: ${humanTime(p.start, zone)} – ${p.end ? humanTime(p.end, zone) : 'now'} (${formatDuration(p.durationMs)})`;
    const label = x1 - x0 > p.status.length * 7 + 6 ? `<text x="${round((x0 + x1) / 2)}" y="${BAND.y + 20}" text-anchor="middle" font-size="12" fill="#111827">${escapeHtml(p.status)}</text>` : '';
    out.push(
      `<g class="band band-${p.status}"><rect x="${x0}" y="${BAND.y}" width="${round(x1 - x0)}" height="${BAND.h}" fill="${FILL[p.status] ?? '#e5e7eb'}" stroke="#ffffff"/><title>${escapeHtml(tip)}</title>${label}</g>`,
    );
  }
  const declared = x(header.keyTimes.declared.getTime());
  out.push(`<line x1="${declared}" y1="${BAND.y - 8}" x2="${declared}" y2="${AXIS_Y}" stroke="#374151" stroke-dasharray="3 3"><title>declared ${escapeHtml(humanTime(header.keyTimes.declared, zone))}</title></line>`);
  const anchor = declared < LEFT + 30 ? 'start' : declared > LEFT + PLOT - 30 ? 'end' : 'middle';
  out.push(`<text x="${declared}" y="${BAND.y - 12}" font-size="11" fill="#374151" text-anchor="${anchor}">declared</text>`);
  out.push(...marksSvg(marks, x, zone));
  out.push(`<line x1="${LEFT}" y1="${AXIS_Y}" x2="${LEFT + PLOT}" y2="${AXIS_Y}" stroke="#374151"/>`);
  out.push(...ticks(from, to, x, zone), ...legend(header), '</svg>');
  return out.join('\n');
}

/** The event marks: circles with a tooltip each, or one bar per non-empty column with its count. */
function marksSvg(marks: TimelineMarks, x: (ms: number) => number, zone: string): string[] {
  if (marks.kind === 'events') {
    return marks.events.map((m) => {
      const fill = m.backdated ? '#7c3aed' : '#1d4ed8';
      return `<circle class="mark" cx="${x(m.at)}" cy="${MARKS.y + MARKS.h / 2}" r="3.5" fill="${fill}" fill-opacity="0.7"><title>${escapeHtml(m.label)}</title></circle>`;
    });
  }
  const max = Math.max(1, ...marks.counts);
  const total = marks.counts.reduce((a, b) => a + b, 0);
  const bars: string[] = [`<text x="${LEFT + PLOT}" y="${MARKS.y - 6}" font-size="11" fill="#374151" text-anchor="end">${total.toLocaleString('en-US')} events, counted per column</text>`];
  marks.counts.forEach((n, i) => {
    if (n === 0) return;
    const start = marks.start + i * marks.width;
    // Square-root scale: one busy minute must not flatten every other column.
    const h = Math.max(2, round((Math.sqrt(n) / Math.sqrt(max)) * MARKS.h));
    const x0 = x(start);
    const w = Math.max(1, round(x(start + marks.width) - x0));
    const tip = `${n} event${n === 1 ? '' : 's'}, ${humanTime(new Date(start), zone)} – ${humanTime(new Date(start + marks.width), zone)}`;
    bars.push(`<rect class="bucket" x="${x0}" y="${MARKS.y + MARKS.h - h}" width="${w}" height="${h}" fill="#1d4ed8"><title>${escapeHtml(tip)}</title></rect>`);
  });
  return bars;
}

/** Five labelled ticks along the axis, in the report's zone. */
function ticks(from: number, to: number, x: (ms: number) => number, zone: string): string[] {
  const out: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const at = from + ((to - from) * k) / 4;
    const local = DateTime.fromMillis(at, { zone });
    const label = (local.isValid ? local : DateTime.fromMillis(at, { zone: 'utc' })).toFormat('dd LLL HH:mm');
    const anchor = k === 0 ? 'start' : k === 4 ? 'end' : 'middle';
    out.push(`<line x1="${x(at)}" y1="${AXIS_Y}" x2="${x(at)}" y2="${AXIS_Y + 4}" stroke="#374151"/>`);
    out.push(`<text x="${x(at)}" y="${AXIS_Y + 17}" font-size="11" fill="#374151" text-anchor="${anchor}">${escapeHtml(label)}</text>`);
  }
  return out;
}

/** A key to the band colours, for narrow bands without a label and for paper, where tooltips do not exist. */
function legend(h: ReportHeader): string[] {
  const statuses = [...new Set(h.phases.map((p) => p.status))];
  let x = LEFT;
  return statuses.map((status) => {
    const item = `<rect x="${x}" y="${LEGEND_Y - 9}" width="10" height="10" fill="${FILL[status] ?? '#e5e7eb'}"/><text x="${x + 14}" y="${LEGEND_Y}" font-size="11" fill="#374151">${escapeHtml(status)}</text>`;
    x += 24 + status.length * 7;
    return item;
  });
}
