// The chart's time axis, in pieces: a linear axis lets one back-dated note from the day before, or a day in
// "resolved", squeeze a 15-minute triage into a pixel. Instead each phase gets a segment at least MIN_PHASE wide and
// shares the rest of the width by duration; events before the declaration get a "before" band of their own at the
// left, set apart by a break in the axis. Times map linearly within a segment. Pure.
import type { ReportHeader } from '../report.js';

/** A stretch of time and the pixels it is drawn in. */
export interface Segment {
  kind: 'before' | 'phase';
  from: number;
  to: number;
  x0: number;
  x1: number;
}

/** The axis: its segments left to right, and where a time goes. */
export interface PiecewiseScale {
  segments: Segment[];
  /** The x of a time; times outside the axis go to its ends. */
  x: (ms: number) => number;
}

/** Narrowest a phase is drawn, so a number label fits in it. */
export const MIN_PHASE = 28;
/** Width of the band for events before the declaration, and the gap (the break in the axis) after it. */
export const BEFORE_BAND = 120;
export const AXIS_BREAK = 16;

const round = (n: number) => Math.round(n * 10) / 10;

/** The pieces of the axis for these phases, from `first` (the earliest event) to `last` (the axis end). */
export function piecewiseScale(h: ReportHeader, range: { first: number; last: number }, left: number, width: number): PiecewiseScale {
  const declared = h.keyTimes.declared.getTime();
  const segments: Segment[] = [];
  let x = left;
  if (range.first < declared) {
    segments.push({ kind: 'before', from: range.first, to: declared, x0: x, x1: x + BEFORE_BAND });
    x += BEFORE_BAND + AXIS_BREAK;
  }
  // Phases are contiguous from the declaration; the last runs to the axis end (events after closing included).
  const phases = h.phases.length > 0 ? h.phases : [{ start: h.keyTimes.declared, end: null }];
  const spans = phases.map((p, i) => ({ from: p.start.getTime(), to: i === phases.length - 1 ? Math.max(range.last, p.start.getTime()) : (p.end ?? p.start).getTime() }));
  const total = spans.reduce((sum, s) => sum + (s.to - s.from), 0);
  const spare = Math.max(0, left + width - x - MIN_PHASE * spans.length);
  for (const s of spans) {
    const w = MIN_PHASE + (total > 0 ? (spare * (s.to - s.from)) / total : spare / spans.length);
    segments.push({ kind: 'phase', from: s.from, to: s.to, x0: round(x), x1: round(x + w) });
    x += w;
  }
  return { segments, x: (ms) => xOf(segments, ms) };
}

/** The x of a time within its segment (the first segment that holds it, so a zero-length phase shows at its left). */
function xOf(segments: readonly Segment[], ms: number): number {
  const first = segments[0]!;
  if (ms <= first.from) return first.x0;
  for (const s of segments) {
    // The before band ends where the declaration starts: a time at the declaration belongs to the first phase.
    if (ms < s.to || (s.kind === 'phase' && ms === s.to)) return round(s.to === s.from ? s.x0 : s.x0 + ((ms - s.from) / (s.to - s.from)) * (s.x1 - s.x0));
  }
  return segments.at(-1)!.x1;
}
