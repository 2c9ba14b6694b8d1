// The timing rules of reminders, pure: the settings' formats, quiet hours on the wall clock of TIMEZONE, snoozes, what
// each trigger does to an incident's reminders, and the weekly stale list's grouping.
import { describe, expect, it } from 'vitest';
import {
  COMMANDER_NUDGE_MS,
  DEFAULT_UPDATE_INTERVALS,
  parseQuietHours,
  parseUpdateIntervals,
  planReminders,
  quietUntil,
  snoozeUntil,
  staleByCommander,
  type Reminder,
  type ReminderIncident,
} from '../../../src/core/reminders/reminder.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => new Date(iso);

describe('UPDATE_REMINDERS', () => {
  it('reads sevN:interval pairs, keeps the defaults for severities left out, and takes off', () => {
    expect(parseUpdateIntervals('')).toEqual(DEFAULT_UPDATE_INTERVALS);
    expect(parseUpdateIntervals('sev1:15m, SEV3:off,sev4:2d')).toEqual({ sev1: 15 * MIN, sev2: 2 * HOUR, sev3: null, sev4: 48 * HOUR });
    expect(parseUpdateIntervals('sev2:1h30m').sev2).toBe(90 * MIN);
  });

  it('names what is wrong', () => {
    expect(() => parseUpdateIntervals('sev5:1h')).toThrow('"sev5:1h" is not <severity>:<interval>');
    expect(() => parseUpdateIntervals('sev1=30m')).toThrow('"sev1=30m" is not <severity>:<interval>');
    expect(() => parseUpdateIntervals('sev1:soon')).toThrow('"soon" in "sev1:soon" is not an interval');
    expect(() => parseUpdateIntervals('sev1:1m')).toThrow('the shortest interval is 5m');
  });
});

describe('QUIET_HOURS', () => {
  it('reads a 24-hour range, or off', () => {
    expect(parseQuietHours('off')).toBeUndefined();
    expect(parseQuietHours('22:00-07:00')).toEqual({ start: 22 * 60, end: 7 * 60 });
    expect(parseQuietHours(' 12:30 - 13:15 ')).toEqual({ start: 750, end: 795 });
    expect(() => parseQuietHours('22-7')).toThrow('is not a time range such as 22:00-07:00');
    expect(() => parseQuietHours('25:00-07:00')).toThrow('is not a time range');
    expect(() => parseQuietHours('07:00-07:00')).toThrow('starts and ends at the same time');
  });

  it('ends at the next end time on the zone’s wall clock, across midnight, and says nothing outside them', () => {
    const quiet = parseQuietHours('22:00-07:00');
    // Paris is UTC+1 in December: 23:30 local is 22:30Z, and the quiet hours end at 07:00 local (06:00Z) the next day.
    expect(quietUntil(at('2026-12-03T22:30:00Z'), quiet, 'Europe/Paris')).toEqual(at('2026-12-04T06:00:00Z'));
    expect(quietUntil(at('2026-12-04T04:00:00Z'), quiet, 'Europe/Paris')).toEqual(at('2026-12-04T06:00:00Z'));
    expect(quietUntil(at('2026-12-04T06:00:00Z'), quiet, 'Europe/Paris')).toBeUndefined();
    expect(quietUntil(at('2026-12-04T20:59:00Z'), quiet, 'Europe/Paris')).toBeUndefined();
    expect(quietUntil(at('2026-12-04T21:00:00Z'), quiet, 'Europe/Paris')).toEqual(at('2026-12-05T06:00:00Z'));
    // A range within one day.
    expect(quietUntil(at('2026-12-04T12:45:00Z'), parseQuietHours('12:30-13:15'), 'UTC')).toEqual(at('2026-12-04T13:15:00Z'));
    expect(quietUntil(at('2026-12-04T12:45:00Z'), undefined, 'UTC')).toBeUndefined();
  });
});

describe('snoozes', () => {
  it('last 30 minutes, 2 hours, or until 09:00 tomorrow in TIMEZONE', () => {
    const now = at('2026-12-04T22:30:00Z');
    expect(snoozeUntil('30m', now, 'UTC')).toEqual(at('2026-12-04T23:00:00Z'));
    expect(snoozeUntil('2h', now, 'UTC')).toEqual(at('2026-12-05T00:30:00Z'));
    // 23:30 in Paris on the 4th: tomorrow is the 5th, 09:00 local = 08:00Z.
    expect(snoozeUntil('tomorrow', now, 'Europe/Paris')).toEqual(at('2026-12-05T08:00:00Z'));
    // 07:30 in Tokyo on the 5th (22:30Z on the 4th): tomorrow is the 6th, 09:00 local = 00:00Z.
    expect(snoozeUntil('tomorrow', now, 'Asia/Tokyo')).toEqual(at('2026-12-06T00:00:00Z'));
  });
});

describe('what a change does to an incident’s reminders', () => {
  const now = at('2026-12-04T10:00:00Z');
  const earlier = at('2026-12-04T09:00:00Z');
  const open: ReminderIncident = { status: 'triage', severity: 'sev1', commanderId: null };
  const plan = (incident: ReminderIncident, rows: Reminder[], trigger: 'declared' | 'updated' | 'changed') =>
    planReminders({ incident, rows, trigger, now, intervals: DEFAULT_UPDATE_INTERVALS });
  const update = (over: Partial<Reminder> = {}): Reminder => ({ kind: 'update', state: 'active', dueAt: at('2026-12-04T09:30:00Z'), basisAt: earlier, fired: 2, ...over });
  const nudge = (over: Partial<Reminder> = {}): Reminder => ({ kind: 'commander', state: 'active', dueAt: null, basisAt: earlier, fired: 1, ...over });

  it('a declaration arms the update reminder at its severity’s interval and the commander nudge at 10 minutes', () => {
    expect(plan(open, [], 'declared')).toEqual([
      { kind: 'update', state: 'active', basisAt: now, dueAt: new Date(now.getTime() + 30 * MIN), fired: 0 },
      { kind: 'commander', state: 'active', basisAt: now, dueAt: new Date(now.getTime() + COMMANDER_NUDGE_MS), fired: 0 },
    ]);
    // sev4 is off by default: the row is there (so a severity change can arm it) with nothing due; a commander means no nudge.
    expect(plan({ ...open, severity: 'sev4', commanderId: 'U1' }, [], 'declared')).toEqual([{ kind: 'update', state: 'active', basisAt: now, dueAt: null, fired: 0 }]);
  });

  it('an update starts the interval again, a snooze included, keeping the count; a stop holds', () => {
    expect(plan(open, [update(), nudge()], 'updated')).toEqual([{ kind: 'update', state: 'active', basisAt: now, dueAt: at('2026-12-04T10:30:00Z'), fired: 2 }]);
    expect(plan(open, [update({ state: 'snoozed', dueAt: at('2026-12-05T08:00:00Z') }), nudge()], 'updated')[0]).toMatchObject({ state: 'active', dueAt: at('2026-12-04T10:30:00Z') });
    expect(plan(open, [update({ state: 'stopped', dueAt: null }), nudge()], 'updated')).toEqual([]);
  });

  it('a severity change moves the deadline from the last update, and leaves a snooze alone', () => {
    expect(plan({ ...open, severity: 'sev2' }, [update(), nudge()], 'changed')).toEqual([{ ...update(), dueAt: at('2026-12-04T11:00:00Z') }]);
    expect(plan({ ...open, severity: 'sev2' }, [update({ state: 'snoozed' }), nudge()], 'changed')).toEqual([]);
  });

  it('resolving, closing, declining or merging ends what is counting down; reopening starts it again', () => {
    for (const status of ['resolved', 'closed', 'declined', 'merged'] as const) {
      expect(plan({ ...open, status }, [update(), nudge({ dueAt: at('2026-12-04T10:05:00Z') })], 'updated')).toEqual([
        { ...update(), state: 'ended', dueAt: null },
        { ...nudge(), state: 'ended', dueAt: null },
      ]);
    }
    expect(plan({ ...open, status: 'resolved' }, [update({ state: 'stopped', dueAt: null })], 'updated')).toEqual([]);
    expect(plan({ ...open, status: 'investigating', commanderId: 'U1' }, [update({ state: 'ended', dueAt: null }), nudge({ state: 'ended' })], 'updated')).toEqual([
      { kind: 'update', state: 'active', basisAt: now, dueAt: at('2026-12-04T10:30:00Z'), fired: 2 },
    ]);
  });

  it('a commander ends the nudge; losing the commander arms it again', () => {
    expect(plan({ ...open, commanderId: 'U1' }, [update(), nudge({ dueAt: at('2026-12-04T10:05:00Z') })], 'changed')).toEqual([{ ...nudge(), state: 'ended', dueAt: null }]);
    expect(plan(open, [update(), nudge({ state: 'ended' })], 'changed')).toEqual([{ kind: 'commander', state: 'active', basisAt: now, dueAt: at('2026-12-04T10:10:00Z'), fired: 1 }]);
  });
});

describe('the weekly stale list', () => {
  const now = at('2026-12-07T08:00:00Z');
  const item = (id: number, commanderId: string | null, lastActivity: string, status: 'triage' | 'resolved' = 'triage') => ({
    incident: { id, ref: `INC-${id}`, title: `t${id}`, severity: 'sev3' as const, status, drill: false, commanderId },
    lastActivity: at(lastActivity),
  });

  it('lists open incidents quiet for a week to their commanders, quietest first; none without a commander', () => {
    const lists = staleByCommander(
      [
        item(1, 'U2', '2026-11-30T08:00:00Z'),
        item(2, 'U2', '2026-11-20T08:00:00Z'),
        item(3, 'U1', '2026-11-29T08:00:00Z'),
        item(4, 'U1', '2026-11-30T08:00:01Z'),
        item(5, null, '2026-11-01T08:00:00Z'),
        item(6, 'U1', '2026-11-01T08:00:00Z', 'resolved'),
      ],
      now,
      7 * 24 * HOUR,
    );
    expect([...lists].map(([user, items]) => [user, items.map((i) => i.incident.ref)])).toEqual([
      ['U1', ['INC-3']],
      ['U2', ['INC-2', 'INC-1']],
    ]);
  });
});
