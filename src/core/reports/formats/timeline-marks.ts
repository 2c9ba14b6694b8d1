// The event marks the HTML report's chart draws, collected in one pass with bounded memory. Up to MAX_MARKS events
// each get a mark with a tooltip; past that, events are only counted per pixel column of the plot, so a
// 100,000-event report costs a fixed array of COLUMNS numbers instead of 100,000 marks.
import type { ReportEvent, ReportHeader } from '../report.js';
import { humanTime } from './human.js';

/** Most events drawn one by one; more are counted per column. */
export const MAX_MARKS = 2_000;
/** Width of the plot in pixels, and so the number of columns events are counted in (even, for halving). */
export const COLUMNS = 900;
/** Tooltips are cut to this many characters so the chart's size stays bounded. */
const LABEL_MAX = 160;

/** One event drawn on its own. at: occurredAt in ms. */
export interface EventMark {
  seq: number;
  at: number;
  backdated: boolean;
  label: string;
}

/** Events counted per column: column i covers [start + i·width, start + (i+1)·width) ms. */
export interface ColumnCounts {
  start: number;
  width: number;
  counts: number[];
}

/** What the chart draws for the events. */
export type TimelineMarks = { kind: 'events'; events: EventMark[] } | ({ kind: 'columns' } & ColumnCounts);

/** When the chart's axis nominally ends: the end of the last phase, or generatedAt while the incident is ongoing. */
export function nominalEnd(h: ReportHeader): number {
  const last = h.phases.at(-1);
  if (!last) return h.generatedAt.getTime();
  if (last.end) return last.end.getTime();
  // A final status has no duration: its phase starts where the story ends. An ongoing one runs to generatedAt.
  return last.start.getTime() + (last.durationMs ?? 0);
}

/** Collects marks from events given in occurred order (as ReportSource promises). */
export class MarkCollector {
  private events: EventMark[] = [];
  private columns: ColumnCounts | null = null;

  constructor(private readonly header: ReportHeader) {}

  /** Takes one event into account. */
  add(e: ReportEvent): void {
    const at = e.occurredAt.getTime();
    if (this.columns) return count(this.columns, at);
    const text = `#${e.seq} ${humanTime(e.occurredAt, this.header.timezone)} ${e.kind}: ${e.summary}`;
    const label = text.length > LABEL_MAX ? `${text.slice(0, LABEL_MAX - 1)}…` : text;
    this.events.push({ seq: e.seq, at, backdated: e.backdated, label });
    if (this.events.length > MAX_MARKS) this.switchToColumns();
  }

  /** What to draw. */
  marks(): TimelineMarks {
    return this.columns ? { kind: 'columns', ...this.columns } : { kind: 'events', events: this.events };
  }

  private switchToColumns(): void {
    // Events come in occurred order, so the first one is the earliest: back-dated events may predate the declaration.
    const start = Math.min(this.header.keyTimes.declared.getTime(), this.events[0]?.at ?? Infinity);
    const width = Math.max(1, Math.ceil((nominalEnd(this.header) - start) / COLUMNS));
    const columns: ColumnCounts = { start, width, counts: new Array<number>(COLUMNS).fill(0) };
    for (const m of this.events) count(columns, m.at);
    this.columns = columns;
    this.events = [];
  }
}

/** Counts one event into its column. */
function count(c: ColumnCounts, at: number): void {
  let i = Math.floor((at - c.start) / c.width);
  // Past the right edge (events after the nominal end): halve the resolution until it fits, so memory stays fixed.
  while (i >= COLUMNS) {
    for (let k = 0; k < COLUMNS / 2; k++) c.counts[k] = (c.counts[2 * k] ?? 0) + (c.counts[2 * k + 1] ?? 0);
    c.counts.fill(0, COLUMNS / 2);
    c.width *= 2;
    i = Math.floor((at - c.start) / c.width);
  }
  const idx = Math.max(0, i);
  c.counts[idx] = (c.counts[idx] ?? 0) + 1;
}
