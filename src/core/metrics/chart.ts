// The weekly chart: incidents per ISO week, stacked by severity. Built as SVG text (pure, testable by reading it) and
// rendered to PNG with resvg, which needs no browser or native canvas.
import { createRequire } from 'node:module';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import { DateTime } from 'luxon';
import { SEVERITIES, type Severity } from '../incidents/incident.js';
import { MAX_WEEKS, type Stats } from './stats.js';

// resvg's native renderer is loaded with the first chart, not at start: a bot that is never asked for one does not
// carry it (issue 17, idle memory). require keeps weeklyChartPng synchronous; resvg-js is CommonJS.
const require = createRequire(import.meta.url);
let resvg: typeof ResvgClass | undefined;

/** The chart's size in pixels (the PNG is rendered at this size). */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;

/** Fixed colours, so SEV1 is the same dark red in every chart. */
export const SEVERITY_COLOURS: Readonly<Record<Severity, string>> = { sev1: '#8b0000', sev2: '#e8590c', sev3: '#f2b705', sev4: '#8c8c8c' };

const FONT = 'DejaVu Sans, Arial, sans-serif';
const PLOT = { left: 56, right: CHART_WIDTH - 20, top: 72, bottom: CHART_HEIGHT - 70 };
const PLOT_H = PLOT.bottom - PLOT.top;
// A week label ("30 Dec") is about 40 px wide at 11 px: labels are spaced at least this far apart.
const MIN_LABEL_GAP = 56;
const LABEL_STEPS = [1, 2, 4, 8, 13, 26, 52];

/** The weekly chart as an SVG document. */
export function weeklyChartSvg(stats: Stats): string {
  const weeks = stats.weekly;
  const yScale = niceScale(Math.max(0, ...weeks.map((w) => w.total)));
  const slot = (PLOT.right - PLOT.left) / Math.max(1, weeks.length);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="${FONT}">`,
    `<rect x="0" y="0" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
    text(20, 30, `Incidents per week by severity · ${stats.period.label}`, { size: 18, weight: 'bold' }),
    ...legend(),
    text(PLOT.right, 56, subtitle(stats), { size: 12, anchor: 'end', fill: '#555555' }),
    ...yAxis(yScale),
    ...weeks.flatMap((w, i) => bars(w, PLOT.left + i * slot, slot, yScale.max)),
    ...xLabels(stats, slot),
    `<line x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}" stroke="#333333" stroke-width="1"/>`,
    text((PLOT.left + PLOT.right) / 2, CHART_HEIGHT - 12, `Week starting Monday (${stats.timezone})`, { size: 12, anchor: 'middle', fill: '#333333' }),
  ];
  if (weeks.every((w) => w.total === 0)) {
    parts.push(text((PLOT.left + PLOT.right) / 2, PLOT.top + PLOT_H / 2, 'No incidents in this period', { size: 16, anchor: 'middle', fill: '#777777' }));
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** The weekly chart as a PNG, for uploading to Slack. */
export function weeklyChartPng(stats: Stats): Buffer {
  const svg = weeklyChartSvg(stats);
  resvg ??= (require('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg;
  return new resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}

/** Escapes text for SVG content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function subtitle(stats: Stats): string {
  const total = stats.weekly.reduce((n, w) => n + w.total, 0);
  const cut = stats.truncatedWeeks > 0 ? ` · last ${MAX_WEEKS} weeks only` : '';
  return `${total} incident${total === 1 ? '' : 's'} · drills not counted${cut}`;
}

function legend(): string[] {
  return SEVERITIES.flatMap((sev, k) => {
    const x = PLOT.left + k * 76;
    return [`<rect x="${x}" y="46" width="12" height="12" fill="${SEVERITY_COLOURS[sev]}"/>`, text(x + 17, 56, sev.toUpperCase(), { size: 12 })];
  });
}

// Up to 5 ticks at 1, 2 or 5 × 10^n, so the axis reads in round numbers.
function niceScale(max: number): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const base of [1, 2, 5]) {
      const step = base * magnitude;
      if (Math.ceil(max / step) <= 5) return { max: Math.ceil(max / step) * step, step };
    }
  }
}

function yAxis(scale: { max: number; step: number }): string[] {
  const out: string[] = [];
  for (let v = 0; v <= scale.max; v += scale.step) {
    const y = num(PLOT.bottom - (v / scale.max) * PLOT_H);
    out.push(`<line x1="${PLOT.left}" y1="${y}" x2="${PLOT.right}" y2="${y}" stroke="#e5e5e5" stroke-width="1"/>`);
    out.push(text(PLOT.left - 8, y + 4, String(v), { size: 12, anchor: 'end', fill: '#333333' }));
  }
  const mid = PLOT.top + PLOT_H / 2;
  out.push(`<text x="18" y="${mid}" font-size="12" fill="#333333" text-anchor="middle" transform="rotate(-90 18 ${mid})">Incidents</text>`);
  return out;
}

function bars(week: Stats['weekly'][number], x0: number, slot: number, yMax: number): string[] {
  const width = Math.max(1, slot * 0.7);
  const x = num(x0 + (slot - width) / 2);
  let y = PLOT.bottom;
  // SEV1 at the bottom of each stack, where it is easiest to compare week to week.
  return SEVERITIES.filter((sev) => week.bySeverity[sev] > 0).map((sev) => {
    const count = week.bySeverity[sev];
    const height = (count / yMax) * PLOT_H;
    y -= height;
    return (
      `<rect class="bar" data-week="${week.week}" data-severity="${sev}" data-count="${count}" ` +
      `x="${x}" y="${num(y)}" width="${num(width)}" height="${num(height)}" fill="${SEVERITY_COLOURS[sev]}"/>`
    );
  });
}

function xLabels(stats: Stats, slot: number): string[] {
  const step = LABEL_STEPS.find((s) => s * slot >= MIN_LABEL_GAP) ?? Math.ceil(MIN_LABEL_GAP / slot);
  const out: string[] = [];
  let lastYear = '';
  stats.weekly.forEach((w, i) => {
    if (i % step !== 0) return;
    const x = num(PLOT.left + (i + 0.5) * slot);
    const day = DateTime.fromISO(w.start, { locale: 'en-US' });
    out.push(`<line x1="${x}" y1="${PLOT.bottom}" x2="${x}" y2="${PLOT.bottom + 4}" stroke="#333333" stroke-width="1"/>`);
    out.push(text(x, PLOT.bottom + 18, day.toFormat('d LLL'), { size: 11, anchor: 'middle', fill: '#333333' }));
    // The year only under the first label and where it changes, so labels stay short.
    const year = day.toFormat('yyyy');
    if (year !== lastYear) out.push(text(x, PLOT.bottom + 32, year, { size: 11, anchor: 'middle', fill: '#777777' }));
    lastYear = year;
  });
  return out;
}

function text(x: number, y: number, content: string, o: { size: number; anchor?: string; fill?: string; weight?: string }): string {
  const attrs = [`x="${num(x)}"`, `y="${num(y)}"`, `font-size="${o.size}"`, `fill="${o.fill ?? '#111111'}"`];
  if (o.anchor) attrs.push(`text-anchor="${o.anchor}"`);
  if (o.weight) attrs.push(`font-weight="${o.weight}"`);
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`;
}

// Two decimals are plenty for pixels and keep the SVG short.
function num(n: number): number {
  return Math.round(n * 100) / 100;
}
