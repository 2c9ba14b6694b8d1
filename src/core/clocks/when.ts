// Reading "when" for a clock (the moment of awareness, the moment a notice was given): `now`, `HH:MM` (the most recent
// such time in TIMEZONE), an ISO 8601 time or `YYYY-MM-DD HH:MM` (TIMEZONE unless an offset is given), or `3h ago`.
// Never in the future: a clock counts from what already happened.
import { DateTime } from 'luxon';
import { AppError } from '../../shared/errors.js';

const FUTURE_TOLERANCE_MS = 60_000;
const AGO = /^(\d{1,4})\s*(m|min|minutes?|h|hours?|d|days?)\s+ago$/i;

/** The time `text` names, read against `now` in `zone`; throws invalid_input with the accepted forms. */
export function parseWhen(text: string, now: Date, zone: string): Date {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'now') return now;
  let at: DateTime;
  const clock = /^(\d{1,2}):(\d{2})$/.exec(t);
  const ago = AGO.exec(t);
  if (clock) {
    const [hour, minute] = [Number(clock[1]), Number(clock[2])];
    if (hour > 23 || minute > 59) throw badWhen(t);
    at = DateTime.fromJSDate(now, { zone }).set({ hour, minute, second: 0, millisecond: 0 });
    if (at.toMillis() > now.getTime() + FUTURE_TOLERANCE_MS) at = at.minus({ days: 1 });
  } else if (ago) {
    const unit = ago[2]!.toLowerCase()[0] as 'm' | 'h' | 'd';
    at = DateTime.fromJSDate(now, { zone }).minus({ [{ m: 'minutes', h: 'hours', d: 'days' }[unit]]: Number(ago[1]) });
  } else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(t)) {
    at = DateTime.fromISO(t.replace(' ', 'T'), { zone, setZone: true });
    if (!at.isValid) throw badWhen(t);
  } else {
    throw badWhen(t);
  }
  if (at.toMillis() > now.getTime() + FUTURE_TOLERANCE_MS) throw new AppError('invalid_input', `${t} is in the future; a clock counts from something that already happened.`);
  return at.toJSDate();
}

function badWhen(t: string): AppError {
  return new AppError(
    'invalid_input',
    `"${t}" is not a time I understand. Write \`now\`, \`HH:MM\` (e.g. 09:40), \`YYYY-MM-DD HH:MM\`, an ISO 8601 time (e.g. 2026-03-01T14:05+01:00) or \`3h ago\`.`,
  );
}
