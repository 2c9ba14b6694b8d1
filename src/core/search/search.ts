// Search across incidents: what a hit is, and the pure rules for the text searched for and the order hits are shown in.
import { AppError } from '../../shared/errors.js';
import { stripDirectionControls } from '../../shared/invisible.js';

/** Where a hit was found: an incident's title or description, a note, a lesson, or an exact match (an observable). */
export type HitKind = 'incident' | 'note' | 'lesson' | 'exact';

/** One match, with its incident's reference and a short excerpt of the stored (redacted) text. */
export interface SearchHit {
  ref: string;
  incidentNumber: number;
  kind: HitKind;
  /** When the matched text was written: the declaration for an incident, the note's time for a note. */
  at: Date;
  /** The incident's title, for the reader to recognise it (hits are only ever shown to people who may see it). */
  title: string;
  excerpt: string;
  /** The timeline event's number for a note or lesson. */
  seq?: number;
}

/** The longest search text: a sentence, not a document. */
export const MAX_SEARCH = 200;
/** Hits shown at most, newest first. */
export const MAX_HITS = 20;
/** Candidates read before access checks: enough that hidden private ones rarely push visible ones out. */
export const MAX_CANDIDATES = 500;

/** The search text, trimmed and within its limit, or a specific error. Any other text is fine: it is never parsed as syntax that can fail. */
export function checkSearchText(raw: string): string {
  const text = stripDirectionControls(raw).replace(/\s+/g, ' ').trim();
  if (text === '') throw new AppError('invalid_input', 'Say what to search for, e.g. `/incident search lagos sign-in` or `rampart search evil.example`.', { field: 'text' });
  if (text.length > MAX_SEARCH) throw new AppError('invalid_input', `The search is ${text.length} characters; the limit is ${MAX_SEARCH}.`, { field: 'text' });
  // eslint-disable-next-line no-control-regex -- NUL cannot be sent to Postgres: refuse it here rather than fail there
  if (/\u0000/.test(text)) throw new AppError('invalid_input', 'The search contains a character that cannot be searched for (NUL); remove it.', { field: 'text' });
  return text;
}

/** Newest first; on the same instant, incidents before their notes, then by reference and event number. */
export function compareHits(a: SearchHit, b: SearchHit): number {
  return b.at.getTime() - a.at.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.incidentNumber - a.incidentNumber || (a.seq ?? 0) - (b.seq ?? 0);
}

const KIND_ORDER: Record<HitKind, number> = { exact: 0, incident: 1, note: 2, lesson: 3 };

/**
 * An excerpt of at most about `max` characters, on one line, around the first word that starts like one searched for
 * (stemming aside, "password" finds "passwords"); from the start when none does. Cut at word boundaries, marked with ….
 */
export function excerptOf(text: string, searched: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const lower = line.toLowerCase();
  const words = searched.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  const hits = words.map((w) => lower.search(new RegExp(`(?<![\\p{L}\\p{N}])${w}`, 'u'))).filter((i) => i >= 0);
  const first = hits.length > 0 ? Math.min(...hits) : 0;
  let start = Math.max(0, first - Math.floor(max / 3));
  if (start > 0) start = line.indexOf(' ', start) + 1 || start;
  let end = Math.min(line.length, start + max);
  if (end < line.length) end = line.lastIndexOf(' ', end) > start ? line.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${line.slice(start, end).trim()}${end < line.length ? '…' : ''}`;
}
