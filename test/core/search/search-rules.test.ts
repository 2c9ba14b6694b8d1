// The pure rules of search: the text searched for, the order of hits, and the excerpt cut around the first match.
import { describe, expect, it } from 'vitest';
import { checkSearchText, compareHits, excerptOf, type SearchHit } from '../../../src/core/search/search.js';

const hit = (over: Partial<SearchHit>): SearchHit => ({ ref: 'INC-1', incidentNumber: 1, kind: 'note', at: new Date('2026-11-24T10:00:00Z'), title: 't', excerpt: 'e', ...over });

describe('search rules', () => {
  it('trims the text to one line, and refuses empty, overlong or NUL text in words', () => {
    expect(checkSearchText('  finance \n director\u202E ')).toBe('finance director');
    expect(() => checkSearchText(' \t ')).toThrow('Say what to search for');
    expect(() => checkSearchText('x'.repeat(201))).toThrow('The search is 201 characters; the limit is 200.');
    expect(() => checkSearchText('a\u0000')).toThrow('NUL');
  });

  it('orders newest first; on one instant the incident before its notes', () => {
    const hits = [
      hit({ kind: 'note', seq: 3 }),
      hit({ kind: 'incident', at: new Date('2026-11-24T09:00:00Z') }),
      hit({ kind: 'incident' }),
      hit({ kind: 'lesson', at: new Date('2026-11-25T10:00:00Z') }),
      hit({ kind: 'note', seq: 2 }),
    ];
    expect([...hits].sort(compareHits).map((h) => [h.kind, h.at.toISOString().slice(0, 13), h.seq ?? null])).toEqual([
      ['lesson', '2026-11-25T10', null],
      ['incident', '2026-11-24T10', null],
      ['note', '2026-11-24T10', 2],
      ['note', '2026-11-24T10', 3],
      ['incident', '2026-11-24T09', null],
    ]);
  });

  it('cuts the excerpt around the first word searched for, at word boundaries, on one line', () => {
    const long = `${'Early words about nothing in particular. '.repeat(8)}Then the director\nsigned in from Lagos at 03:12. ${'Later words. '.repeat(10)}`;
    const cut = excerptOf(long, 'lagos');
    expect(cut.length).toBeLessThanOrEqual(162);
    expect(cut).toMatch(/^…\S/);
    expect(cut).toMatch(/\S…$/);
    expect(cut).toContain('director signed in from Lagos at 03:12.');
    // No word found (stemming matched it): from the start.
    expect(excerptOf(long, 'zzz')).toMatch(/^Early words/);
    expect(excerptOf('Short text', 'anything')).toBe('Short text');
  });
});
