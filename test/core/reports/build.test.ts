// The report header and event stream over a real database (PGlite, or Postgres with TEST_DATABASE_URL).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUTSIDER, RESPONDER, slackUser, testCore } from '../../support/core.js';
import { eventsInOrder } from '../../../src/core/reports/queries.js';
import { shortTimeline } from '../../../src/core/reports/read.js';
import type { ReportEvent } from '../../../src/core/reports/report.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore({ now: '2026-11-24T09:00:00Z' });
});
afterEach(() => t.close());

const responder = slackUser(RESPONDER);
const min = 60_000;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** INC-1: declared 09:00Z, acknowledged 09:15, contained 10:00, resolved 11:30, reopened 12:00, resolved 13:00. */
async function workedIncident() {
  await t.core.declare(responder, { title: 'Phishing wave', severity: 'sev3', type: 'phishing' });
  t.clock.advance(15 * min);
  await t.core.changeStatus(responder, 'INC-1', 'investigating');
  await t.core.assignRole(responder, 'INC-1', 'commander', 'U0ALICE');
  // Back-dated to 08:50 Paris time = 07:50Z, before the declaration.
  await t.core.addNote(slackUser('U0ALICE'), 'INC-1', 'at 08:50 first report came in');
  t.clock.advance(45 * min);
  await t.core.changeStatus(responder, 'INC-1', 'contained');
  t.clock.advance(90 * min);
  await t.core.changeStatus(responder, 'INC-1', 'resolved');
  t.clock.advance(30 * min);
  await t.core.changeStatus(responder, 'INC-1', 'investigating', 'more mails');
  t.clock.advance(60 * min);
  await t.core.changeStatus(responder, 'INC-1', 'resolved');
  t.clock.advance(10 * min);
}

describe('report header', () => {
  it('computes key times, durations and phases exactly, a reopen included', async () => {
    await workedIncident();
    const { source } = await t.core.report(responder, 'INC-1');
    const h = source.header;
    expect(h.keyTimes.declared).toEqual(new Date('2026-11-24T09:00:00Z'));
    expect(h.keyTimes.acknowledged).toEqual(new Date('2026-11-24T09:15:00Z'));
    expect(h.keyTimes.contained).toEqual(new Date('2026-11-24T10:00:00Z'));
    // The reopen cleared the first resolution: the second one counts.
    expect(h.keyTimes.resolved).toEqual(new Date('2026-11-24T13:00:00Z'));
    expect(h.durations).toEqual({ toAcknowledge: 15 * min, toContain: 60 * min, toResolve: 240 * min, toClose: null });
    expect(h.phases.map((p) => [p.status, p.durationMs])).toEqual([
      ['triage', 15 * min],
      ['investigating', 45 * min],
      ['contained', 90 * min],
      ['resolved', 30 * min],
      ['investigating', 60 * min],
      ['resolved', 10 * min],
    ]);
    expect(h.phases.at(-1)?.end).toBeNull();
    expect(h.people.slice(0, 2)).toEqual([
      { userId: RESPONDER, roles: ['reporter'], events: 7 },
      { userId: 'U0ALICE', roles: ['commander'], events: 1 },
    ]);
    expect(h.eventCount).toBe(8);
    expect(h.timezone).toBe('Europe/Paris');
  });

  it('streams events by occurred_at, ties by seq, back-dated ones marked', async () => {
    await workedIncident();
    const { source } = await t.core.report(responder, 'INC-1');
    const events = await collect(source.events());
    expect(events.map((e) => e.seq)).toEqual([4, 1, 2, 3, 5, 6, 7, 8]);
    expect(events[0]).toMatchObject({ kind: 'note_added', backdated: true, summary: 'Note: first report came in' });
    expect(events.filter((e) => e.backdated)).toHaveLength(1);
    // seq 2 and 3 happened in the same millisecond: sequence decides.
    expect(events[2]!.occurredAt).toEqual(events[3]!.occurredAt);
    expect(events[2]!.summary).toBe('Status triage → investigating');
  });

  it('pages by (occurred_at, seq) without skipping or repeating ties', async () => {
    await t.core.declare(responder, { title: 'Noisy' });
    for (let i = 0; i < 9; i += 1) await t.core.addNote(responder, 'INC-1', `note ${i}`);
    const { incident } = await t.core.report(responder, 'INC-1');
    const paged = await collect(eventsInOrder(t.database.db, incident.id, 3));
    expect(paged.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('keeps private incidents from outsiders', async () => {
    await t.core.declare(responder, { title: 'Account takeover', type: 'account-compromise' });
    await expect(t.core.report(slackUser(OUTSIDER), 'INC-1')).rejects.toMatchObject({ code: 'not_authorized' });
  });
});

describe('short timeline', () => {
  const ev = (seq: number, kind: string): ReportEvent =>
    ({ seq, kind, actor: 'U1', source: 'cli', occurredAt: new Date(seq * 1000), recordedAt: new Date(seq * 1000), backdated: false, correctsSeq: null, summary: kind, payload: {} }) as ReportEvent;
  async function* stream(kinds: string[]) {
    for (const [i, k] of kinds.entries()) yield ev(i + 1, k);
  }

  it('shows every event when they fit', async () => {
    const s = await shortTimeline(stream(['incident_declared', 'note_added', 'status_changed']), 5);
    expect(s).toMatchObject({ total: 3, keyOnly: false, keyOmitted: 0 });
    expect(s.events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('keeps the first and last key events when there are too many', async () => {
    const kinds = ['incident_declared', ...Array.from({ length: 20 }, (_, i) => (i % 2 ? 'status_changed' : 'note_added'))];
    const s = await shortTimeline(stream(kinds), 4);
    expect(s.keyOnly).toBe(true);
    expect(s.total).toBe(21);
    // 11 key events: the first 2 and the last 2 are kept.
    expect(s.events.map((e) => e.seq)).toEqual([1, 3, 19, 21]);
    expect(s.keyOmitted).toBe(7);
  });
});
