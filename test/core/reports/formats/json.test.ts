// The JSON report: valid JSON of the documented shape (docs/report-json.md), version 1.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonEvent, jsonHeader, renderJson } from '../../../../src/core/reports/formats/json.js';
import { aReportSource, collect, fixtureEvents, fixtureHeader } from '../../../support/report-fixture.js';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const parse = async (source = aReportSource()) => JSON.parse(await collect(renderJson(source))) as Record<string, unknown> & { events: Record<string, unknown>[] };

describe('JSON report', () => {
  it('is valid JSON with the schema, version 1 and the documented fields in order', async () => {
    const doc = await parse();
    expect(Object.keys(doc)).toEqual([
      'schema', 'version', 'generatedAt', 'timezone', 'incident', 'keyTimes', 'durations', 'phases', 'people',
      'playbooks', 'review', 'reviewVersions', 'awareness', 'eventCount', 'verification', 'events',
    ]);
    expect(doc.verification).toEqual({ ok: true, events: 17, unhashed: 0 });
    expect(doc).toMatchObject({ schema: 'rampart.incident-report', version: 1, timezone: 'Europe/Paris', eventCount: 17, reviewVersions: 2 });
    expect(doc.events).toHaveLength(17);
  });

  it('writes dates as ISO 8601 UTC strings and durations as milliseconds', async () => {
    const doc = await parse();
    expect(doc.generatedAt).toBe('2026-11-27T12:00:00.000Z');
    expect(doc.keyTimes).toEqual({
      declared: '2026-11-24T09:00:00.000Z',
      acknowledged: '2026-11-24T09:15:00.000Z',
      contained: '2026-11-24T11:30:00.000Z',
      resolved: '2026-11-25T10:00:00.000Z',
      closed: '2026-11-26T09:00:00.000Z',
    });
    expect(doc.durations).toEqual({ toAcknowledge: 900_000, toContain: 9_000_000, toResolve: 90_000_000, toClose: 172_800_000 });
    expect((doc.phases as unknown[]).at(-1)).toEqual({ status: 'closed', start: '2026-11-26T09:00:00.000Z', end: null, durationMs: null });
    expect(doc).toMatchObject({ review: { savedAt: '2026-11-26T08:30:00.000Z' }, playbooks: [{ startedAt: '2026-11-24T09:15:00.000Z' }] });
    for (const e of doc.events) {
      expect(e.occurredAt).toMatch(ISO_UTC);
      expect(e.recordedAt).toMatch(ISO_UTC);
    }
  });

  it('lists events in occurred order, ties by seq, with all their fields', async () => {
    const doc = await parse();
    expect(doc.events.map((e) => e.seq)).toEqual(fixtureEvents().map((e) => e.seq));
    expect(doc.events[0]).toEqual({
      seq: 2,
      kind: 'note_added',
      actor: 'U0ALICE',
      source: 'slack-command',
      occurredAt: '2026-11-24T08:40:00.000Z',
      recordedAt: '2026-11-24T09:05:00.000Z',
      backdated: true,
      correctsSeq: null,
      summary: 'Note: First phishing mail opened by finance',
      payload: { text: 'First phishing mail opened by finance' },
    });
    expect(doc.events.find((e) => e.seq === 8)?.correctsSeq).toBe(7);
  });

  it('stays valid with no events', async () => {
    const doc = await parse(aReportSource({ events: [] }));
    expect(doc.events).toEqual([]);
    expect(doc.eventCount).toBe(0);
  });

  it('exposes the header and event shapes for the multi-incident export', () => {
    expect(jsonHeader(fixtureHeader())).toMatchObject({ incident: { ref: 'INC-7' }, eventCount: 17 });
    expect(jsonHeader(fixtureHeader())).not.toHaveProperty('version');
    expect(jsonEvent(fixtureEvents()[0]!)).toMatchObject({ seq: 2, occurredAt: '2026-11-24T08:40:00.000Z' });
  });

  it('matches the example in docs/report-json.md field for field', async () => {
    const docs = readFileSync('docs/report-json.md', 'utf8');
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(docs)?.[1] ?? '') as Awaited<ReturnType<typeof parse>>;
    const doc = await parse();
    expect(Object.keys(example)).toEqual(Object.keys(doc));
    expect(Object.keys(example.events[0]!)).toEqual(Object.keys(doc.events[0]!));
    expect(Object.keys(example.incident as object)).toEqual(Object.keys(doc.incident as object));
    expect(example.eventCount).toBe(example.events.length);
  });
});
