// "When did it happen?" for notes: a note may start with `at 14:05` or `at <ISO 8601>`; the timeline then keeps
// that as occurred_at, apart from recorded_at.
import { DateTime } from 'luxon';
import { AppError } from '../../shared/errors.js';

/** Allowed clock skew before a time counts as "in the future". */
const FUTURE_TOLERANCE_MS = 60_000;

/** A note's text with its optional back-dating prefix split off. */
export interface ParsedNoteTime {
  text: string;
  occurredAt: Date | undefined;
}

/**
 * A word after `at` that reads as an attempt at a time: 9.40, 9h40, 9:40am, 9am, 14:05:00Z, 2026-03-01…. A bare number
 * ("at 3 sites") or an address ("at 10.0.0.5") is not one.
 */
const TIME_LIKE = /^(\d{1,2}[.:h]\d{2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?)?|\d{1,2}:.*|\d{1,2}\s*[ap]\.?m\.?|\d{4}-.*)$/i;

/**
 * Splits a leading `at HH:MM` (the most recent such time in `zone`, so a time later than now means yesterday) or
 * `at <ISO 8601>` (an offset is honoured; without one, `zone` applies) off a note. A word after `at` that looks like a
 * time but is neither is an error giving the accepted forms, never text.
 */
export function parseNoteTime(input: string, now: Date, zone = 'UTC'): ParsedNoteTime {
  const m = /^at\s+(\S+)\s*(.*)$/is.exec(input.trim());
  if (!m) return { text: input.trim(), occurredAt: undefined };
  const [, word = '', rest = ''] = m;
  // "at 14:05, we …": the comma ends the time, it is not part of it.
  const when = word.replace(/,$/, '');
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(when);
  let at: DateTime;
  if (clock) {
    const [hour, minute, second] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    if (hour > 23 || minute > 59 || second > 59) throw badTime(when);
    at = DateTime.fromJSDate(now, { zone }).set({ hour, minute, second, millisecond: 0 });
    if (at.toMillis() > now.getTime() + FUTURE_TOLERANCE_MS) at = at.minus({ days: 1 });
  } else if (/^\d{4}-\d{2}-\d{2}/.test(when)) {
    at = DateTime.fromISO(when, { zone, setZone: true });
    if (!at.isValid) throw badTime(when);
    if (at.toMillis() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw new AppError('invalid_input', `${when} is in the future; a note can only say when something already happened.`);
    }
  } else if (TIME_LIKE.test(when)) {
    // "at 9.40am …" was meant as a time: stored as text it would sit at the wrong moment of the timeline, unnoticed.
    throw badTime(when);
  } else {
    // "at the office …", "at least two …" and "at 3 sites …" are ordinary text, not a time.
    return { text: input.trim(), occurredAt: undefined };
  }
  if (rest.trim() === '') throw new AppError('invalid_input', 'The note is empty: write what happened after the time.');
  return { text: rest.trim(), occurredAt: at.toJSDate() };
}

function badTime(when: string): AppError {
  return new AppError('invalid_input', `"${when}" is not a time I understand. Start the note with \`at HH:MM\` on the 24-hour clock (e.g. at 09:40 or at 14:05) or \`at <ISO 8601>\` (e.g. at 2026-03-01T14:05:00+01:00).`);
}
