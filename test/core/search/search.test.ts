// Search across incidents in core, over stored (so redacted) text with Postgres full-text search: incidents, notes and
// lessons newest first; a private incident's matches only for those who may see it (outsiders get nothing, not even
// the reference); a redacted secret is never found; any input is searched or refused in words, never an error; the
// exact-match extension point. PGlite, and Postgres with TEST_DATABASE_URL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchFor } from '../../../src/core/search/read.js';
import type { ExactMatcher } from '../../../src/core/search/exact.js';
import { OUTSIDER, RESPONDER, slackUser, testCore } from '../../support/core.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore();
});
afterEach(async () => {
  await t.close();
});

const reporter = slackUser('U0REPORT');
const responder = slackUser(RESPONDER);
const outsider = slackUser(OUTSIDER);
const CLI = { id: 'cli', source: 'cli' as const };
const MIN = 60_000;
const SECRET = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
const found = async (actor: typeof responder, text: string) => (await t.core.search.find(actor, text)).hits.map((h) => [h.ref, h.kind]);

/** INC-1 public phishing, INC-2 private account compromise, INC-3 public with a lesson; a minute apart. */
async function threeIncidents() {
  await t.core.declare(reporter, { title: 'Phishing mail to finance', description: 'Invoice lure from a look-alike domain', private: false });
  await t.core.addNote(responder, 'INC-1', 'Blocked the sender; finance reset two passwords');
  t.clock.advance(MIN);
  await t.core.declare(reporter, { title: 'Odd sign-in for the finance director', type: 'account-compromise' });
  await t.core.addNote(responder, 'INC-2', 'Sign-in from Lagos at 03:12, the director was asleep');
  t.clock.advance(MIN);
  await t.core.declare(reporter, { title: 'Lost laptop on a train', private: false });
  await t.core.addLesson(responder, 'INC-3', 'Finance laptops need disk encryption before they leave the office');
}

describe('search', () => {
  it('finds incidents, notes and lessons (stemmed), newest first, with the reference and an excerpt', async () => {
    await threeIncidents();
    const { hits, more } = await t.core.search.find(responder, 'finance');
    expect(hits.map((h) => [h.ref, h.kind])).toEqual([
      ['INC-3', 'lesson'],
      ['INC-2', 'incident'],
      ['INC-1', 'incident'],
      ['INC-1', 'note'],
    ]);
    expect(more).toBe(false);
    expect(hits[0]).toMatchObject({ title: 'Lost laptop on a train', seq: 2, at: new Date('2026-11-24T10:02:00Z') });
    expect(hits[0]!.excerpt).toContain('Finance laptops need disk encryption');
    // Words are stemmed ("password" finds "passwords"), and every word must match, in one text.
    expect(await found(responder, 'password')).toEqual([['INC-1', 'note']]);
    expect(await found(responder, 'lagos director')).toEqual([['INC-2', 'note']]);
    expect(await found(responder, 'lagos phishing')).toEqual([]);
  });

  it('a newer match comes first whatever the order it was written in: a back-dated note by its time', async () => {
    await threeIncidents();
    t.clock.advance(MIN);
    await t.core.addNote(responder, 'INC-1', 'at 2026-11-24T10:03:30+01:00 Finance confirmed the invoice was fake');
    expect((await found(responder, 'finance')).slice(0, 2)).toEqual([
      ['INC-3', 'lesson'],
      ['INC-2', 'incident'],
    ]);
    expect((await t.core.search.find(responder, 'invoice')).hits.map((h) => [h.ref, h.kind, h.at.toISOString()])).toEqual([
      ['INC-1', 'incident', '2026-11-24T10:00:00.000Z'],
      ['INC-1', 'note', '2026-11-24T09:03:30.000Z'],
    ]);
  });

  it('shows a private incident’s matches only to those who may see it; an outsider learns nothing, not even the reference', async () => {
    await threeIncidents();
    expect(await found(outsider, 'finance')).toEqual([
      ['INC-3', 'lesson'],
      ['INC-1', 'incident'],
      ['INC-1', 'note'],
    ]);
    expect(await t.core.search.find(outsider, 'lagos')).toEqual({ text: 'lagos', hits: [], more: false });
    // Its reporter takes part, responders and the CLI see every incident.
    expect(await found(reporter, 'lagos')).toEqual([['INC-2', 'note']]);
    expect(await found(CLI, 'lagos')).toEqual([['INC-2', 'note']]);
  });

  it('never finds a redacted secret: search runs over the stored, redacted text', async () => {
    await t.core.declare(reporter, { title: `Token ${SECRET} pasted in #general`, private: false });
    await t.core.addNote(responder, 'INC-1', `Rotated ${SECRET} at once`);
    expect(await found(CLI, SECRET)).toEqual([]);
    // The text searched for is shown back redacted, with the kind removed (the searcher is told to rotate it).
    expect(await t.core.search.find(CLI, `rotated ${SECRET}`)).toMatchObject({ text: 'rotated [redacted: github-token]', redacted: ['github-token'], hits: [] });
    expect(await found(CLI, SECRET.slice(0, 20))).toEqual([]);
    const { hits } = await t.core.search.find(CLI, 'rotated');
    expect(hits[0]!.excerpt).toBe('Rotated [redacted: github-token] at once');
  });

  it('searches any text without error: query syntax, stop words and punctuation; refuses only empty or overlong text', async () => {
    await threeIncidents();
    for (const text of ['"unbalanced', 'a & b | (c', '!!!', ':*', "o'reilly", '-', 'or', 'the', '\\', '%_', '<script>', 'finance & !', '漢字', '🔥']) {
      await expect(t.core.search.find(responder, text), text).resolves.toMatchObject({ text: text.trim() });
    }
    expect(await found(responder, '"finance director"')).toEqual([['INC-2', 'incident']]);
    expect(await found(responder, 'finance -laptop')).toEqual([
      ['INC-2', 'incident'],
      ['INC-1', 'incident'],
      ['INC-1', 'note'],
    ]);
    await expect(t.core.search.find(responder, '  \n ')).rejects.toThrow('Say what to search for');
    await expect(t.core.search.find(responder, 'x'.repeat(201))).rejects.toThrow('the limit is 200');
    await expect(t.core.search.find(responder, 'a\u0000b')).rejects.toThrow('cannot be searched for');
  });

  it('asks the exact matchers (the observables’ extension point) and applies the same access rules to their hits', async () => {
    await threeIncidents();
    const asked: string[] = [];
    const observables: ExactMatcher = async (_db, value) => {
      asked.push(value);
      return value === '203.0.113.7' ? [2, 1].map((incidentId) => ({ incidentId, excerpt: `observable ${value}`, at: new Date('2026-11-24T10:05:00Z') })) : [];
    };
    const outside = await searchFor(t.deps, outsider, '203.0.113.7', [observables]);
    expect(outside.hits.map((h) => [h.ref, h.kind, h.excerpt])).toEqual([['INC-1', 'exact', 'observable 203.0.113.7']]);
    const inside = await searchFor(t.deps, responder, '203.0.113.7', [observables]);
    expect(inside.hits.map((h) => h.ref)).toEqual(['INC-2', 'INC-1']);
    expect(asked).toEqual(['203.0.113.7', '203.0.113.7']);
  });

  it('finds an observable by its value in any form (defanged, upper case), through the real observables table', async () => {
    await threeIncidents();
    await t.core.observables.add(responder, { ref: 'INC-1', value: 'hxxps://EVIL[.]example/login' });
    await t.core.observables.add(responder, { ref: 'INC-2', value: 'https://evil.example/login' });
    const { hits } = await t.core.search.find(responder, 'https://evil.example/login');
    expect(hits.map((h) => [h.ref, h.kind])).toEqual([
      ['INC-2', 'exact'],
      ['INC-1', 'exact'],
    ]);
    expect(hits[0]!.excerpt).toContain('hxxps://evil[.]example/login');
    expect(await found(responder, 'hxxps://evil[.]example/login')).toHaveLength(2);
    // INC-2 is private: an outsider finds only the public one.
    expect(await found(outsider, 'https://evil.example/login')).toEqual([['INC-1', 'exact']]);
  });

  it('leaves out what an asker’s TLP audience may not receive: a RED note, an observable of an incident marked RED', async () => {
    await threeIncidents();
    await t.core.addNote(responder, 'INC-1', 'TLP:RED The finance director forwarded the lure to her husband');
    await t.core.addNote(responder, 'INC-1', 'The finance team got the lure from a look-alike domain');
    // The outsider may see public INC-1 but is none of its people: an AMBER audience.
    expect(await found(outsider, 'husband')).toEqual([]);
    expect(await found(outsider, 'look-alike')).toEqual(expect.arrayContaining([['INC-1', 'note']]));
    expect(await found(responder, 'husband')).toEqual([['INC-1', 'note']]);
    await t.core.observables.add(responder, { ref: 'INC-3', value: '203.0.113.7' });
    expect(await found(outsider, '203.0.113.7')).toEqual([['INC-3', 'exact']]);
    await t.core.tlp.set(responder, 'INC-3', 'red', 'a partner asked us to keep it between us');
    expect(await found(outsider, '203.0.113.7')).toEqual([]);
    expect(await found(responder, '203.0.113.7')).toEqual([['INC-3', 'exact']]);
  });
});
