// The review modal builder and its submission parser, without Bolt: Slack's limits, pre-filling, and every
// problem going back to the block it belongs to.
import { md } from '../../../src/slack/blocks/mrkdwn.js';
import { describe, expect, it } from 'vitest';
import type { Review, ReviewContent } from '../../../src/core/reviews/review.js';
import type { ActionItem } from '../../../src/shared/action-item.js';
import { redactReview } from '../../../src/core/reviews/save.js';
import { readReviewSubmission, reviewModal, reviewPrompt, reviewRows } from '../../../src/slack/blocks/review-modal.js';
import { REVIEW_FIELD, reviewItemId } from '../../../src/slack/ids.js';
import { validateView } from '../../../src/sandbox/emulator/limits.js';

const incident = { ref: 'INC-7', title: 'Credential phishing <press office> & partners' };

function aStoredReview(overrides: Partial<ReviewContent> = {}): Review {
  const content: ReviewContent = {
    summary: 'Summary',
    impact: 'Impact',
    rootCause: '',
    wentWell: '',
    wentWrong: '',
    lessons: 'One\nTwo',
    actionItems: [{ text: 'Enforce MFA', owner: 'U0ALICE', due: '2026-12-01' }] as ActionItem[],
    ...overrides,
  };
  return { ...redactReview({ redactPatterns: [] }, content).content, incidentId: 7, version: 3, savedBy: 'U0LEAD', savedAt: new Date('2026-11-24T10:00:00Z') };
}

type Block = { type: string; block_id?: string; element?: Record<string, unknown> };
const blocksOf = (view: ReturnType<typeof reviewModal>) => view.blocks as unknown as Block[];
const element = (view: ReturnType<typeof reviewModal>, id: string) => blocksOf(view).find((b) => b.block_id === id)?.element;

describe('reviewModal', () => {
  it('fits Slack: valid view, at most 100 blocks, a short title, unique ids, small metadata, even with 20 long action items', () => {
    const items = Array.from({ length: 25 }, (_, i) => ({ text: `Item ${i} ${'x'.repeat(400)}`, owner: 'U0ALICE', due: '2026-12-01' }));
    const latest = aStoredReview({ summary: 's'.repeat(3000), actionItems: items });
    for (const view of [reviewModal({ incident, latest: null, metadata: { ref: 'INC-7' } }), reviewModal({ incident, latest, metadata: { ref: 'INC-7', channel: 'C0INC7' } })]) {
      expect(validateView(view)).toEqual([]);
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expect(view.title.text.length).toBeLessThanOrEqual(24);
      const ids = blocksOf(view).flatMap((b) => (b.block_id ? [b.block_id] : []));
      expect(new Set(ids).size).toBe(ids.length);
      const actionIds = blocksOf(view).flatMap((b) => (b.element ? [b.element.action_id] : []));
      expect(new Set(actionIds).size).toBe(actionIds.length);
      expect(view.private_metadata.length).toBeLessThanOrEqual(3000);
    }
  });

  it('offers 5 rows, or the stored items plus 2, at most 20', () => {
    expect([0, 3, 4, 10, 18, 19, 40].map(reviewRows)).toEqual([5, 5, 6, 12, 20, 20, 20]);
    const view = reviewModal({ incident, latest: null, metadata: { ref: 'INC-7' } });
    expect(blocksOf(view).filter((b) => b.element?.type === 'datepicker')).toHaveLength(5);
    expect(element(view, REVIEW_FIELD.summary)).not.toHaveProperty('initial_value');
  });

  it('is pre-filled from the latest version and says which one', () => {
    const view = reviewModal({ incident, latest: aStoredReview(), metadata: { ref: 'INC-7' } });
    expect(element(view, REVIEW_FIELD.summary)).toMatchObject({ initial_value: 'Summary', multiline: true, max_length: 3000 });
    expect(element(view, REVIEW_FIELD.lessons)).toMatchObject({ initial_value: 'One\nTwo' });
    expect(element(view, REVIEW_FIELD.rootCause)).not.toHaveProperty('initial_value');
    expect(element(view, reviewItemId(0, 'text'))).toMatchObject({ initial_value: 'Enforce MFA', max_length: 300 });
    expect(element(view, reviewItemId(0, 'owner'))).toMatchObject({ type: 'users_select', initial_user: 'U0ALICE' });
    expect(element(view, reviewItemId(0, 'due'))).toMatchObject({ type: 'datepicker', initial_date: '2026-12-01' });
    expect(element(view, reviewItemId(1, 'owner'))).not.toHaveProperty('initial_user');
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain('Pre-filled from version 3');
    expect(shown).toContain('Credential phishing &lt;press office&gt; &amp; partners');
    expect(JSON.parse(view.private_metadata)).toEqual({ ref: 'INC-7' });
  });

  it('has a Write the review button carrying the reference for the close prompt', () => {
    const blocks = reviewPrompt(md`closed`, 'INC-7') as unknown as { type: string; elements?: { action_id: string; value: string }[] }[];
    expect(blocks.at(-1)!.elements![0]).toMatchObject({ action_id: 'review_write', value: 'INC-7' });
  });
});

describe('readReviewSubmission', () => {
  const text = (value: string | null) => ({ type: 'plain_text_input', value });
  function values(fields: Record<string, string | null>, rows: { text?: string | null; owner?: string | null; due?: string | null }[] = []) {
    const v: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const [key, id] of Object.entries(REVIEW_FIELD)) v[id] = { [id]: text(fields[key] ?? null) };
    rows.forEach((r, row) => {
      v[reviewItemId(row, 'text')] = { [reviewItemId(row, 'text')]: text(r.text ?? null) };
      v[reviewItemId(row, 'owner')] = { [reviewItemId(row, 'owner')]: { type: 'users_select', selected_user: r.owner ?? null } };
      v[reviewItemId(row, 'due')] = { [reviewItemId(row, 'due')]: { type: 'datepicker', selected_date: r.due ?? null } };
    });
    return v as Parameters<typeof readReviewSubmission>[0];
  }

  it('reads the texts trimmed and the filled rows in order, skipping empty ones', () => {
    const read = readReviewSubmission(
      values({ summary: '  What happened ', lessons: 'a\nb' }, [{}, { text: 'Enforce MFA', owner: 'U0ALICE', due: '2026-12-01' }, { text: '   ' }, { text: 'Train staff' }]),
    );
    expect(read).toEqual({
      summary: 'What happened',
      impact: '',
      rootCause: '',
      wentWell: '',
      wentWrong: '',
      lessons: 'a\nb',
      actionItems: [
        { text: 'Enforce MFA', owner: 'U0ALICE', due: '2026-12-01' },
        { text: 'Train staff', owner: null, due: null },
      ],
    });
  });

  it('puts each problem next to its own block, in the row it came from', () => {
    const read = readReviewSubmission(values({ summary: '   ', impact: 'i'.repeat(3001) }, [{}, {}, { owner: 'U0ALICE' }, { text: 'Fine', due: '2026-02-30' }]));
    expect(read).toEqual({
      errors: {
        [REVIEW_FIELD.summary]: 'Write a few words',
        [REVIEW_FIELD.impact]: 'Keep it to 3,000 characters',
        [reviewItemId(2, 'text')]: 'Say what is to be done',
        [reviewItemId(3, 'due')]: 'Must be a date written YYYY-MM-DD',
      },
    });
  });
});
