// Issue 17's table from a run's figures: ranges over rounds, shares of the bare rate taken round by round, verdicts
// that say when only some rounds met a target, and load runs with bad answers listed rather than hidden in a rate.
import { describe, expect, it } from 'vitest';
import { problems, range, renderBlock, tableRows, verdict, type Figures } from '../../../bench/suite/table.js';
import type { ServerRound } from '../../../bench/suite/rounds.js';
import type { LoadResult } from '../../../bench/suite/slack-load.js';

const aLoad = (o: Partial<LoadResult> = {}): LoadResult => ({ perSecond: 100, p99Ms: 50, maxMs: 80, ok: 1000, non2xx: 0, errors: 0, errorReplies: 0, examples: [], ...o });
const aRound = (o: Partial<ServerRound> = {}): ServerRound => ({ startMs: 700, idleRssMb: 100, childrenRssMb: 0, messages: aLoad(), declares: aLoad(), ...o });
const someFigures = (o: Partial<Figures> = {}): Figures => ({
  bare: [aRound({ declares: aLoad({ perSecond: 2000 }), messages: aLoad({ perSecond: 6000 }) }), aRound({ declares: aLoad({ perSecond: 2400 }), messages: aLoad({ perSecond: 8000 }) })],
  rampart: [aRound({ idleRssMb: 105, declares: aLoad({ perSecond: 600, p99Ms: 90 }), messages: aLoad({ perSecond: 3000 }) }), aRound({ idleRssMb: 120, declares: aLoad({ perSecond: 480, p99Ms: 130 }), messages: aLoad({ perSecond: 4400 }) })],
  pglite: [
    { firstStartMs: 2000, firstRssMb: 240, laterStartMs: 600, laterRssMb: 200 },
    { firstStartMs: 2600, firstRssMb: 245, laterStartMs: 650, laterRssMb: 210 },
  ],
  report: { md: [200, 240], json: [230, 260] },
  connections: 10,
  durationS: 10,
  ...o,
});
const row = (f: Figures, what: RegExp) => tableRows(f).find((cells) => what.test(cells[0]!))!;

describe('the suite table', () => {
  it('shows a range as min–max, or one value when both ends read the same', () => {
    expect(range([3.2, 1.04, 2], (n) => n.toFixed(1))).toBe('1.0–3.2');
    expect(range([1.01, 0.99], (n) => n.toFixed(1))).toBe('1.0');
  });

  it('says yes, no, or in how many rounds a target was met', () => {
    expect([verdict([true, true]), verdict([false, false]), verdict([true, false, true])]).toEqual(['yes', 'no', 'in 2 of 3 rounds']);
  });

  it('takes each round’s share of the bare rate from the bare round beside it', () => {
    // 600/2000 = 30 % and 480/2400 = 20 %: the rate target (25 %) is met in one round, the p99 target in one.
    expect(row(someFigures(), /declare/)).toEqual([
      '`/incident declare` burst, 10 concurrent, 10 s',
      '2,000–2,400 req/s (with one insert), p99 50 ms',
      '480–600 req/s (20–30 % of bare), p99 90–130 ms, max 80 ms',
      'p99 ≤ 100 ms, ≥ 25 % of the bare rate',
      'in 1 of 2 rounds',
    ]);
    expect(row(someFigures(), /Message events/)[2]).toBe('3,000–4,400 /s (50–55 % of bare), p99 50 ms');
    expect(row(someFigures(), /Message events/)[4]).toBe('yes');
  });

  it('names the part of a target that was missed when its parts differ', () => {
    expect(row(someFigures(), /PGlite/)[4]).toBe('yes');
    expect(row(someFigures(), /healthy/)[4]).toBe('in 1 of 2 rounds (Postgres: yes; PGlite: in 1 of 2 rounds)');
    expect(row(someFigures(), /report/)).toEqual(['10,000-event report (Markdown, JSON), Postgres', '—', '200–240 ms / 230–260 ms', '≤ 250 ms', 'in 1 of 2 rounds (Markdown: yes; JSON: in 1 of 2 rounds)']);
  });

  it('counts a target met only when all its parts are met in the same round', () => {
    // Round 1 meets the p99 but its bare round had no rate (no share to compare); round 2 meets the share but not the p99.
    const f = someFigures({ bare: [aRound({ declares: aLoad({ perSecond: 0, ok: 0 }) }), aRound()] });
    expect(row(f, /declare/)[2]).toBe('480–600 req/s (480 % of bare), p99 90–130 ms, max 80 ms');
    expect(row(f, /declare/)[4]).toBe('no (p99: in 1 of 2 rounds; rate: in 1 of 2 rounds)');
  });

  it('lists every load run with failed or wrong answers, or with no good answer at all', () => {
    const f = someFigures({
      rampart: [aRound({ declares: aLoad({ non2xx: 3, errorReplies: 2, examples: ['HTTP 500: '] }) }), aRound({ messages: aLoad({ ok: 0 }) })],
    });
    expect(problems(f)).toEqual([
      'Rampart round 1, declares: 3 non-2xx, 0 connection errors, 2 error replies (1000 good); e.g. "HTTP 500: "',
      'Rampart round 2, messages: 0 non-2xx, 0 connection errors, 0 error replies (0 good); e.g. ',
    ]);
    expect(renderBlock(f, { date: new Date('2026-12-04T22:00:00Z'), cores: 2, cpu: 'CPU', ramGb: 4, node: 'v20', postgres: '15.20' })).toContain('Problems in this run:');
  });

  it('dates the block and names the machine', () => {
    const block = renderBlock(someFigures(), { date: new Date('2026-12-04T22:05:09Z'), cores: 2, cpu: 'AMD EPYC', ramGb: 3.84, node: 'v20.20.2', postgres: '15.20' });
    expect(block).toContain('Run 2026-12-04 22:05 UTC on 2 cores (AMD EPYC), 3.8 GB RAM, Node v20.20.2, PostgreSQL 15.20');
    expect(block).not.toContain('Problems');
    expect(block.split('\n').filter((l) => l.startsWith('| '))).toHaveLength(7);
  });
});
