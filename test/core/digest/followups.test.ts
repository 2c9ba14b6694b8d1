// The digest's open follow-ups (pure): a public incident's one line each, a private incident's one counted line by
// reference only, overdue counted against the digest's day in its zone; and their wording for Slack and the CLI.
import { describe, expect, it } from 'vitest';
import { shapeDigest, shapeFollowups, type FollowupSource } from '../../../src/core/digest/digest.js';
import { followupLine, PLAIN } from '../../../src/core/digest/lines.js';

const f = (number: number, text: string, due: string | null, isPrivate = false, owner: string | null = 'U0ALICE'): FollowupSource => ({ ref: `INC-${number}`, number, private: isPrivate, text, owner, due });

describe('open follow-ups in the digest', () => {
  it('lists a public incident’s follow-ups one by one and a private one’s as a count by reference', () => {
    const shaped = shapeFollowups(
      [f(2, 'Secret two', '2026-11-30', true), f(1, 'Later', '2026-12-09'), f(2, 'Secret one', '2026-11-01', true), f(1, 'Overdue', '2026-11-20', false, null), f(3, 'Undated', null)],
      '2026-11-23',
    );
    expect(shaped).toEqual([
      { ref: 'INC-1', redacted: false, text: 'Overdue', owner: null, due: '2026-11-20', overdue: true },
      { ref: 'INC-1', redacted: false, text: 'Later', owner: 'U0ALICE', due: '2026-12-09', overdue: false },
      { ref: 'INC-2', redacted: true, count: 2, overdue: 1 },
      { ref: 'INC-3', redacted: false, text: 'Undated', owner: 'U0ALICE', due: null, overdue: false },
    ]);
    expect(JSON.stringify(shaped)).not.toContain('Secret');
    expect(shaped.map((x) => followupLine(x, PLAIN))).toEqual([
      'INC-1 · Overdue · no owner · due 2026-11-20 (overdue)',
      'INC-1 · Later · @U0ALICE · due 2026-12-09',
      'INC-2 · private · 2 open follow-ups (1 overdue)',
      'INC-3 · Undated · @U0ALICE · no due date',
    ]);
  });

  it('reads “today” in the digest’s zone: the slot’s local day', () => {
    // Monday 00:30 in Paris is still Sunday in UTC: a follow-up due on Sunday is overdue on Monday in Paris.
    const digest = shapeDigest({ from: new Date('2026-11-15T23:30:00Z'), to: new Date('2026-11-22T23:30:00Z'), timezone: 'Europe/Paris', open: [], week: [], statusChanges: [], followups: [f(1, 'Due Sunday', '2026-11-22')] });
    expect(digest.followups).toEqual([expect.objectContaining({ overdue: true })]);
    expect(shapeDigest({ from: new Date(0), to: new Date('2026-11-22T23:30:00Z'), timezone: 'UTC', open: [], week: [], statusChanges: [], followups: [f(1, 'Due Sunday', '2026-11-22')] }).followups).toEqual([
      expect.objectContaining({ overdue: false }),
    ]);
  });
});
