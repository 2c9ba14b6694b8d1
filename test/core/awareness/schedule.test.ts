import { describe, expect, it } from 'vitest';
import { checkCron, latestSlot, nextSlot, slotsBetween } from '../../../src/core/schedules/schedule.js';
import { chooseTip, currentRound } from '../../../src/core/awareness/rotation.js';

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());
const paris = (cron: string) => ({ cron, timezone: 'Europe/Paris' });

describe('slots', () => {
  it('keeps Monday 09:00 local across both daylight-saving changes: no week skipped or doubled', () => {
    expect(iso(slotsBetween(paris('0 9 * * 1'), new Date('2026-03-20T00:00:00Z'), new Date('2026-04-07T00:00:00Z')))).toEqual([
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-04-06T07:00:00.000Z',
    ]);
    expect(iso(slotsBetween(paris('0 9 * * 1'), new Date('2026-10-18T00:00:00Z'), new Date('2026-11-03T00:00:00Z')))).toEqual([
      '2026-10-19T07:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
      '2026-11-02T08:00:00.000Z',
    ]);
  });

  it('gives a daily 02:30 exactly one slot on the day it does not exist and on the day it happens twice', () => {
    const spring = iso(slotsBetween(paris('30 2 * * *'), new Date('2026-03-28T00:00:00Z'), new Date('2026-03-31T00:00:00Z')));
    expect(spring).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z']);
    const autumn = slotsBetween(paris('30 2 * * *'), new Date('2026-10-24T00:00:00Z'), new Date('2026-10-27T00:00:00Z'));
    expect(autumn).toHaveLength(3);
    expect(new Set(autumn.map((d) => d.toISOString().slice(0, 10))).size).toBe(3);
  });

  it('includes a slot exactly at the end, excludes one at the start, and finds the next and latest slots', () => {
    const s = paris('0 9 * * 1');
    const at = new Date('2026-10-26T08:00:00Z');
    expect(iso(slotsBetween(s, at, new Date('2026-11-02T08:00:00Z')))).toEqual(['2026-11-02T08:00:00.000Z']);
    expect(nextSlot(s, at).toISOString()).toBe('2026-11-02T08:00:00.000Z');
    expect(latestSlot(s, new Date('2026-10-27T07:00:00Z'), 24 * 3_600_000)?.toISOString()).toBe('2026-10-26T08:00:00.000Z');
    expect(latestSlot(s, new Date('2026-10-27T09:00:00Z'), 24 * 3_600_000)).toBeUndefined();
  });

  it('refuses malformed expressions with a specific message', () => {
    expect(() => checkCron('0 9 * *', 'UTC')).toThrow(/not a five-field cron expression/);
    expect(() => checkCron('0 25 * * 1', 'UTC')).toThrow(/not a valid cron expression/);
    expect(() => checkCron('0 9 * * 1', 'UTC')).not.toThrow();
  });
});

describe('rotation', () => {
  const tips = ['a', 'b', 'c'].map((id) => ({ id, topics: id === 'c' ? ['phishing'] : [] }));

  it('splits history into rounds that each use every tip', () => {
    expect(currentRound(['a', 'b', 'c'], ['a', 'b', 'c', 'b'])).toEqual({ used: new Set(['b']), round: 1 });
    // Tips removed from the library since do not hold a round open.
    expect(currentRound(['a', 'b'], ['a', 'gone', 'b'])).toEqual({ used: new Set(), round: 1 });
  });

  it('never repeats within a round, is stable for the same inputs, and prefers recent incident types and the queue', () => {
    const history: string[] = [];
    for (let i = 0; i < 6; i += 1) history.push(chooseTip({ tips, history, queue: [], recentTypes: [] })!.id);
    expect(new Set(history.slice(0, 3)).size).toBe(3);
    expect(new Set(history.slice(3)).size).toBe(3);
    expect(chooseTip({ tips, history: [], queue: [], recentTypes: [] })).toEqual(chooseTip({ tips, history: [], queue: [], recentTypes: [] }));
    expect(chooseTip({ tips, history: [], queue: [], recentTypes: ['phishing'] })).toEqual({ id: 'c', reason: 'recent-incident' });
    expect(chooseTip({ tips, history: ['c'], queue: [], recentTypes: ['phishing'] })?.reason).toBe('rotation');
    expect(chooseTip({ tips, history: [], queue: ['zzz', 'b'], recentTypes: ['phishing'] })).toEqual({ id: 'b', reason: 'queued' });
    expect(chooseTip({ tips: [], history: [], queue: [], recentTypes: [] })).toBeUndefined();
  });
});
