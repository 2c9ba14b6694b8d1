// Observables in core: recorded once per incident, type and value, with their timeline event in the same transaction;
// verdicts marked with theirs; secrets refused; "also in" naming only incidents the reader may see; the exports'
// marking and access; and the trusted lookup search uses. PGlite, and Postgres with TEST_DATABASE_URL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { observables, timelineEvents } from '../../../src/db/schema.js';
import { describeEvent } from '../../../src/core/reports/describe.js';
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
const events = async (ref = 'INC-1') => (await t.core.timeline(responder, ref)).events.filter((e) => e.kind.startsWith('observable_'));
const rows = async () => (await t.database.db.select({ n: count() }).from(observables))[0]!.n;

describe('adding observables', () => {
  it('stores the normalised value once, with one event, and says so defanged', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    const added = await t.core.observables.add(reporter, { ref: 'INC-1', value: 'hxxps://EVIL[.]example/login' });
    expect(added).toMatchObject({ changed: true, message: 'Added to INC-1: URL hxxps://evil[.]example/login.' });
    expect(added.observable).toMatchObject({ type: 'url', value: 'https://evil.example/login', verdict: 'unknown', origin: 'typed', addedBy: 'U0REPORT' });
    const again = await t.core.observables.add(responder, { ref: 'INC-1', value: 'https://evil.example/login', origin: 'scan' });
    expect(again).toMatchObject({ changed: false, message: 'INC-1 already has URL hxxps://evil[.]example/login (unknown).' });
    await t.core.observables.add(reporter, { ref: 'INC-1', value: 'CORP\\alice', type: 'account' });
    expect(await rows()).toBe(2);
    expect((await events()).map((e) => [e.kind, e.payload])).toEqual([
      ['observable_added', { observableId: 1, type: 'url', value: 'https://evil.example/login', origin: 'typed' }],
      ['observable_added', { observableId: expect.any(Number) as number, type: 'account', value: 'CORP\\alice', origin: 'typed' }],
    ]);
    expect((await events()).map((e) => describeEvent(e))).toEqual([
      'Observable added: URL hxxps://evil[.]example/login',
      'Observable added: account name CORP\\alice',
    ]);
  });

  it('refuses bad values, secrets and outsiders, writing nothing', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await expect(t.core.observables.add(reporter, { ref: 'INC-1', value: '300.1.1.1' })).rejects.toThrow(/at most 255/);
    await expect(t.core.observables.add(reporter, { ref: 'INC-1', value: 'alice' })).rejects.toThrow(/Add its type after it/);
    await expect(t.core.observables.add(reporter, { ref: 'INC-1', value: 'hxxps://bob:hunter2hunter2@evil[.]example/' })).rejects.toThrow(/secrets are not recorded/);
    await expect(t.core.observables.add(reporter, { ref: 'INC-1', value: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', type: 'account' })).rejects.toThrow(
      /GitHub token: secrets are not recorded/,
    );
    await expect(t.core.observables.add(outsider, { ref: 'INC-1', value: 'evil.example' })).rejects.toThrow(/INC-1 is private/);
    await expect(t.core.observables.add(reporter, { ref: 'INC-9', value: 'evil.example' })).rejects.toThrow(/no incident INC-9/);
    expect(await rows()).toBe(0);
    expect(await events()).toEqual([]);
  });
});

describe('marking', () => {
  it('changes the verdict with an event, matching the value as its stored type reads it', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await t.core.observables.add(reporter, { ref: 'INC-1', value: '203.0.113.7' });
    const marked = await t.core.observables.mark(responder, { ref: 'INC-1', value: '203.0.113[.]7', verdict: 'malicious' });
    expect(marked).toMatchObject({ changed: true, message: 'Marked malicious on INC-1: IPv4 address 203.0.113[.]7.' });
    expect(await t.core.observables.mark(responder, { ref: 'INC-1', value: '203.0.113.7', verdict: 'malicious' })).toMatchObject({ changed: false });
    await expect(t.core.observables.mark(responder, { ref: 'INC-1', value: '198.51.100.1', verdict: 'benign' })).rejects.toThrow(/INC-1 has no observable 198.51.100.1/);
    const marks = (await events()).filter((e) => e.kind === 'observable_marked');
    expect(marks.map((e) => e.payload)).toEqual([{ observableId: 1, type: 'ipv4', value: '203.0.113.7', from: 'unknown', to: 'malicious' }]);
    expect((await t.database.db.select().from(observables).where(eq(observables.id, 1)))[0]).toMatchObject({ verdict: 'malicious', changedBy: RESPONDER });
  });
});

describe('also in', () => {
  it('names other incidents only to people who may see them; private ones are left out for outsiders', async () => {
    await t.core.declare(reporter, { title: 'Phish', private: false });
    await t.core.declare(slackUser('U0OTHER'), { title: 'Private one', private: true });
    await t.core.declare(reporter, { title: 'Public two', private: false });
    for (const ref of ['INC-1', 'INC-2', 'INC-3']) await t.core.observables.add(responder, { ref, value: 'evil.example' });
    // The responder sees all three; the reporter of INC-1 and INC-3 is an outsider to private INC-2.
    expect((await t.core.observables.list(responder, 'INC-1')).observables[0]!.alsoIn).toEqual(['INC-2', 'INC-3']);
    expect((await t.core.observables.list(reporter, 'INC-1')).observables[0]!.alsoIn).toEqual(['INC-3']);
    await expect(t.core.observables.list(reporter, 'INC-2')).rejects.toThrow(/INC-2 is private/);
  });

  it('finds incidents by a value in any spelling (trusted lookup for search)', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await t.core.declare(reporter, { title: 'Other' });
    await t.core.observables.add(responder, { ref: 'INC-2', value: 'alice@EVIL.example' });
    await t.core.observables.add(responder, { ref: 'INC-1', value: 'alice@evil.example' });
    await t.core.observables.add(responder, { ref: 'INC-2', value: 'CORP\\bob', type: 'account' });
    expect(await t.core.observables.incidentsWith('alice[@]evil[.]example')).toEqual([1, 2]);
    expect(await t.core.observables.incidentsWith('CORP\\bob')).toEqual([2]);
    expect(await t.core.observables.incidentsWith('nobody.example')).toEqual([]);
  });
});

describe('exports', () => {
  it('carry the incident’s marking and are refused to outsiders of a private incident', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await t.core.observables.add(reporter, { ref: 'INC-1', value: 'evil.example' });
    const csv = await t.core.observables.export(reporter, { ref: 'INC-1', format: 'csv' });
    expect(csv).toMatchObject({ marking: 'RED', filename: 'inc-1-observables.csv', count: 1 });
    expect(csv.content.split('\r\n')[0]).toMatch(/^# TLP:RED: For the eyes and ears/);
    const stix = JSON.parse((await t.core.observables.export(reporter, { ref: 'INC-1', format: 'stix' })).content) as { objects: { type: string; name?: string }[] };
    expect(stix.objects[0]).toMatchObject({ type: 'marking-definition', name: 'TLP:RED' });
    const misp = JSON.parse((await t.core.observables.export(reporter, { ref: 'INC-1', format: 'misp' })).content) as { Event: { Tag: unknown[]; Attribute: unknown[] } };
    expect(misp.Event.Tag).toEqual([{ name: 'tlp:red' }]);
    expect(misp.Event.Attribute).toHaveLength(1);
    await expect(t.core.observables.export(outsider, { ref: 'INC-1', format: 'csv' })).rejects.toThrow(/INC-1 is private/);
    // Exporting writes nothing to the timeline.
    expect((await t.database.db.select({ n: count() }).from(timelineEvents))[0]!.n).toBe((await t.core.timeline(responder, 'INC-1')).events.length);
  });
});

describe('reports', () => {
  it('carry the incident’s observables in their header, defanged beside the stored value', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await t.core.observables.add(reporter, { ref: 'INC-1', value: 'hxxp://evil[.]example/a' });
    const { source } = await t.core.report(responder, 'INC-1');
    expect(source.header.observables).toEqual([
      { type: 'url', value: 'http://evil.example/a', defanged: 'hxxp://evil[.]example/a', verdict: 'unknown', origin: 'typed', addedBy: 'U0REPORT', addedAt: t.clock.now() },
    ]);
  });

  it('exports carry the incident’s own marking, and go only to a reader its marking allows', async () => {
    await t.core.declare(reporter, { title: 'Look-alike domain', private: false });
    await t.core.observables.add(reporter, { ref: 'INC-1', value: 'evil.example' });
    expect((await t.core.observables.export(outsider, { ref: 'INC-1', format: 'csv' })).marking).toBe('AMBER');
    await t.core.tlp.set(responder, 'INC-1', 'amber+strict');
    const strict = await t.core.observables.export(responder, { ref: 'INC-1', format: 'misp' });
    expect(strict.marking).toBe('AMBER+STRICT');
    expect(strict.content).toContain('"tlp:amber+strict"');
    // The outsider is an AMBER reader of this public incident: AMBER+STRICT may not reach them.
    await expect(t.core.observables.export(outsider, { ref: 'INC-1', format: 'stix' })).rejects.toThrow(/TLP:AMBER\+STRICT.*TLP:AMBER audience/);
  });
});
