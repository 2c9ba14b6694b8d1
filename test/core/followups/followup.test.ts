// The pure follow-up rules: what a review version does to stored follow-ups, when one is due, and list order.
import { describe, expect, it } from 'vitest';
import { compareFollowups, isDue, planFollowups, type Followup } from '../../../src/core/followups/followup.js';

const at = new Date('2026-11-24T10:00:00Z');
function row(id: number, text: string, overrides: Partial<Followup> = {}): Followup {
  return { id, incidentId: 1, text, owner: 'U0ALICE', due: '2026-12-01', state: 'open', reviewVersion: 1, changedBy: 'U0ALICE', changedAt: at, ...overrides };
}
const item = (text: string, owner: string | null = 'U0ALICE', due: string | null = '2026-12-01') => ({ text, owner, due });

describe('planFollowups', () => {
  it('adds new items, cancels open ones left out, keeps done ones done and reopens cancelled ones named again', () => {
    const rows = [row(1, 'Keep'), row(2, 'Drop'), row(3, 'Finished', { state: 'done' }), row(4, 'Back', { state: 'cancelled' }), row(5, 'Finished but dropped', { state: 'done' })];
    const plan = planFollowups(rows, [item('Keep'), item('Finished'), item('Back', 'U0BOB'), item('New')], [item('Keep'), item('Drop'), item('Finished')]);
    expect(plan.add.map((i) => i.text)).toEqual(['New']);
    expect(plan.cancel.map((r) => r.id)).toEqual([2]);
    expect(plan.reopen.map(({ row: r, item: i }) => [r.id, i.owner])).toEqual([[4, 'U0BOB']]);
    expect(plan.update).toEqual([]);
  });

  it('takes an owner or due date from the review only where this version changed it, so a Reassign is not undone', () => {
    // Reassigned to U0BOB by the button; the review still says U0ALICE, as its previous version did.
    const rows = [row(1, 'Rotate keys', { owner: 'U0BOB' })];
    expect(planFollowups(rows, [item('Rotate keys')], [item('Rotate keys')]).update).toEqual([]);
    // This version moves the due date only: the owner stays U0BOB.
    const moved = planFollowups(rows, [item('Rotate keys', 'U0ALICE', '2026-12-15')], [item('Rotate keys')]);
    expect(moved.update.map((u) => u.set)).toEqual([{ due: '2026-12-15' }]);
    // This version names a new owner.
    expect(planFollowups(rows, [item('Rotate keys', 'U0CAROL')], [item('Rotate keys')]).update.map((u) => u.set)).toEqual([{ owner: 'U0CAROL' }]);
  });

  it('counts an item named twice once', () => {
    expect(planFollowups([], [item('Same'), item('Same', 'U0BOB')]).add).toEqual([item('Same')]);
  });
});

describe('isDue and list order', () => {
  it('is due on its day and after, only while open and dated', () => {
    expect(isDue({ state: 'open', due: '2026-12-01' }, '2026-11-30')).toBe(false);
    expect(isDue({ state: 'open', due: '2026-12-01' }, '2026-12-01')).toBe(true);
    expect(isDue({ state: 'open', due: '2026-12-01' }, '2026-12-09')).toBe(true);
    expect(isDue({ state: 'done', due: '2026-12-01' }, '2026-12-09')).toBe(false);
    expect(isDue({ state: 'open', due: null }, '2026-12-09')).toBe(false);
  });

  it('lists open ones first, then by due date with undated last, then by incident', () => {
    const f = (id: number, state: Followup['state'], due: string | null, incidentNumber = 1) => ({ id, incidentNumber, state, due, owner: null });
    const sorted = [f(1, 'done', '2026-01-01'), f(2, 'open', null), f(3, 'open', '2026-12-02', 2), f(4, 'open', '2026-12-02', 1), f(5, 'cancelled', null), f(6, 'open', '2026-11-01')].sort(compareFollowups);
    expect(sorted.map((x) => x.id)).toEqual([6, 4, 3, 2, 1, 5]);
  });
});
