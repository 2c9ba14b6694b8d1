// Notification regimes without a database: the built-in deadlines, offsets and "one month" on TIMEZONE's calendar,
// reminder times, where a deadline stands, awareness times, and the regimes file (the documented example loads; every
// mistake is listed with its line).
import { describe, expect, it } from 'vitest';
import { BUILT_IN_REGIMES, deadlineAt, parseOffset, parseReminderOffsets } from '../../../src/core/clocks/regime.js';
import { deadlineStatus, plannedReminders, tally } from '../../../src/core/clocks/notification-clock.js';
import { loadRegimesSync, parseRegimes } from '../../../src/core/clocks/load.js';
import { parseWhen } from '../../../src/core/clocks/when.js';

const H = 3_600_000;
const at = (iso: string) => new Date(iso);

function problemOf(text: string): string {
  try {
    parseRegimes(text, 'regimes.yaml');
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('regimes', () => {
  it('build in GDPR Art. 33 (72 hours) and NIS2 Art. 23 (24 hours, 72 hours, one month)', () => {
    const aware = at('2026-03-10T08:00:00Z');
    const due = (id: string) => BUILT_IN_REGIMES.find((r) => r.id === id)!.deadlines.map((d) => [d.id, deadlineAt(aware, d.after, 'Europe/Paris').toISOString()]);
    expect(due('gdpr')).toEqual([['authority', '2026-03-13T08:00:00.000Z']]);
    expect(due('nis2')).toEqual([
      ['early-warning', '2026-03-11T08:00:00.000Z'],
      ['notification', '2026-03-13T08:00:00.000Z'],
      // 10 March 09:00 in Paris + one calendar month = 10 April 09:00 in Paris, which is summer time by then (07:00Z).
      ['final-report', '2026-04-10T07:00:00.000Z'],
    ]);
  });

  it('count a month on the calendar (31 January → the last day of February) and hours as elapsed time across DST', () => {
    expect(deadlineAt(at('2026-01-31T10:00:00Z'), { months: 1 }, 'UTC').toISOString()).toBe('2026-02-28T10:00:00.000Z');
    // The night of 29 March 2026 in Paris is an hour short: 72 hours are still 72 hours.
    expect(deadlineAt(at('2026-03-28T10:00:00Z'), { hours: 72 }, 'Europe/Paris').getTime() - at('2026-03-28T10:00:00Z').getTime()).toBe(72 * H);
    // Three calendar days across it are 71 hours.
    expect(deadlineAt(at('2026-03-28T10:00:00Z'), { days: 3 }, 'Europe/Paris').toISOString()).toBe('2026-03-31T09:00:00.000Z');
  });

  it('read offsets and CLOCK_REMINDERS, refusing what they are not', () => {
    expect(parseOffset('72h')).toEqual({ hours: 72 });
    expect(parseOffset('1 month')).toEqual({ months: 1 });
    expect(parseOffset('2w')).toEqual({ days: 14 });
    expect(parseOffset('0h')).toBeUndefined();
    expect(parseOffset('soon')).toBeUndefined();
    expect(parseReminderOffsets('1h,24h,4h')).toEqual([24 * H, 4 * H, H]);
    expect(parseReminderOffsets('off')).toEqual([]);
    expect(() => parseReminderOffsets('24h,later')).toThrow('"later" is not a time before a deadline');
  });
});

describe('a deadline', () => {
  const dueAt = at('2026-03-13T08:00:00Z');
  it('gets a reminder per offset and the overdue notice at the deadline', () => {
    expect(plannedReminders(dueAt, [24 * H, 4 * H, H], at('2026-03-10T08:00:00Z'))).toEqual([
      { slot: 'before-1440m', dueAt: at('2026-03-12T08:00:00Z') },
      { slot: 'before-240m', dueAt: at('2026-03-13T04:00:00Z') },
      { slot: 'before-60m', dueAt: at('2026-03-13T07:00:00Z') },
      { slot: 'overdue', dueAt },
    ]);
  });

  it('started late keeps only the latest reminder already passed (sent at once), and past its time only the overdue notice', () => {
    expect(plannedReminders(dueAt, [24 * H, 4 * H, H], at('2026-03-13T05:00:00Z')).map((r) => r.slot)).toEqual(['before-240m', 'before-60m', 'overdue']);
    expect(plannedReminders(dueAt, [24 * H, 4 * H, H], at('2026-03-14T00:00:00Z'))).toEqual([{ slot: 'overdue', dueAt }]);
  });

  it('stands open, overdue, met, late or stopped; met and missed are counted from the deadline', () => {
    const before = at('2026-03-12T00:00:00Z');
    const after = at('2026-03-14T00:00:00Z');
    expect(deadlineStatus({ dueAt, notifiedAt: null }, 'running', before)).toBe('open');
    expect(deadlineStatus({ dueAt, notifiedAt: null }, 'running', dueAt)).toBe('overdue');
    expect(deadlineStatus({ dueAt, notifiedAt: before }, 'running', after)).toBe('met');
    expect(deadlineStatus({ dueAt, notifiedAt: after }, 'stopped', after)).toBe('late');
    expect(deadlineStatus({ dueAt, notifiedAt: null }, 'stopped', after)).toBe('stopped');
    expect(tally([{ dueAt, notifiedAt: before }, { dueAt, notifiedAt: after }, { dueAt, notifiedAt: null }], after)).toEqual({ met: 1, missed: 2 });
    expect(tally([{ dueAt, notifiedAt: null }], before)).toEqual({ met: 0, missed: 0 });
  });
});

describe('awareness times', () => {
  const now = at('2026-03-10T08:30:00Z');
  it('are now, HH:MM (the latest such time in TIMEZONE), a date and time, ISO 8601 or "3h ago"', () => {
    expect(parseWhen('now', now, 'Europe/Paris')).toEqual(now);
    expect(parseWhen('09:00', now, 'Europe/Paris')).toEqual(at('2026-03-10T08:00:00Z'));
    expect(parseWhen('10:00', now, 'Europe/Paris')).toEqual(at('2026-03-09T09:00:00Z'));
    expect(parseWhen('2026-03-08 14:00', now, 'Europe/Paris')).toEqual(at('2026-03-08T13:00:00Z'));
    expect(parseWhen('2026-03-08T14:00Z', now, 'Europe/Paris')).toEqual(at('2026-03-08T14:00:00Z'));
    expect(parseWhen('3h ago', now, 'UTC')).toEqual(at('2026-03-10T05:30:00Z'));
  });

  it('are never in the future, and anything else is refused with the forms accepted', () => {
    expect(() => parseWhen('2026-03-11 09:00', now, 'UTC')).toThrow('is in the future');
    expect(() => parseWhen('yesterday', now, 'UTC')).toThrow('"yesterday" is not a time I understand. Write `now`, `HH:MM`');
    expect(() => parseWhen('25:00', now, 'UTC')).toThrow('is not a time I understand');
  });
});

describe('the regimes file', () => {
  it('loads the documented example', () => {
    const regimes = loadRegimesSync('docs/examples/notification-regimes.yaml');
    expect(regimes.map((r) => r.id)).toEqual(['dora', 'customer-dpa']);
    expect(regimes[0]!.deadlines).toEqual([
      { id: 'initial', label: 'Initial notification to the competent authority', after: { hours: 4 } },
      { id: 'intermediate', label: 'Intermediate report', after: { hours: 72 } },
      { id: 'final', label: 'Final report', after: { months: 1 } },
    ]);
  });

  it('lists every problem with its line: a built-in id, a bad offset, a repeated deadline, an unknown field', () => {
    const text = [
      'regimes:',
      '  - id: gdpr',
      '    name: Our GDPR',
      '    deadlines:',
      '      - { id: a, label: A, after: soon }',
      '      - { id: a, label: B, after: 2h }',
      '    colour: red',
    ].join('\n');
    const message = problemOf(text);
    expect(message).toContain('regimes.yaml:2: regimes[0].id: is a built-in regime (gdpr, nis2)');
    expect(message).toContain('regimes.yaml:5: regimes[0].deadlines[0].after: must be a time after awareness');
    expect(message).toContain('regimes.yaml:6: regimes[0].deadlines[1].id: deadline id "a" is used twice');
    expect(message).toContain('regimes.yaml:7: regimes[0]: Unrecognized key: "colour"');
  });

  it('refuses an empty file, YAML that does not parse, and a missing file', () => {
    expect(problemOf('')).toContain('The notification regimes file is not valid');
    expect(problemOf('regimes: [')).toContain('YAML');
    expect(() => loadRegimesSync('docs/examples/no-such-file.yaml')).toThrow('does not exist');
  });
});
