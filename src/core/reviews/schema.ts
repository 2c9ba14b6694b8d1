// What a valid review is. Every text is trimmed and kept within what a Slack modal field and a report can hold;
// problems name the field (and the action item) so the modal can show each one next to its input.
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { hasBroadcast } from '../incidents/text-rules.js';
import { isOnlyInvisible } from '../../shared/invisible.js';
import { REVIEW_FIELD_LABELS, type ReviewContent } from './review.js';

/** Limit of each free-text field of a review (a Slack multi-line input holds 3,000 characters). */
export const MAX_REVIEW_TEXT = 3000;
/** Limit of one action item's text: one task, not a plan. */
export const MAX_ACTION_TEXT = 300;
/** At most this many action items per review (they must fit in one modal). */
export const MAX_ACTION_ITEMS = 20;

const noBroadcast = (s: string) => !hasBroadcast(s);
const BROADCAST_MESSAGE = 'remove the group mention (@here, @channel, @everyone or a user group)';
const visible = (s: string) => !isOnlyInvisible(s);
const INVISIBLE_MESSAGE = 'holds only invisible characters (such as zero-width spaces): write it out';

const text = (required: boolean) =>
  z
    .string({ error: required ? 'write a few words' : 'must be text' })
    .trim()
    .min(required ? 1 : 0, 'write a few words')
    .max(MAX_REVIEW_TEXT, `keep it to ${MAX_REVIEW_TEXT.toLocaleString('en')} characters`)
    .refine(visible, INVISIBLE_MESSAGE)
    .refine(noBroadcast, BROADCAST_MESSAGE);

/** A calendar date written YYYY-MM-DD (2026-02-30 is not one). */
function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const actionItem = z.object({
  text: z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'say what is to be done')
    .max(MAX_ACTION_TEXT, `keep it to ${MAX_ACTION_TEXT} characters`)
    .refine(visible, INVISIBLE_MESSAGE)
    .refine(noBroadcast, BROADCAST_MESSAGE),
  owner: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user')
    .nullable()
    .default(null),
  due: z
    .string()
    .refine(isDate, 'must be a date written YYYY-MM-DD')
    .nullable()
    .default(null),
});

/** A review as submitted; missing optional texts count as empty. */
export const reviewSchema = z.object({
  summary: text(true),
  impact: text(false).default(''),
  rootCause: text(false).default(''),
  wentWell: text(false).default(''),
  wentWrong: text(false).default(''),
  lessons: text(false).default(''),
  actionItems: z.array(actionItem).max(MAX_ACTION_ITEMS, `at most ${MAX_ACTION_ITEMS} action items`).default([]),
}) satisfies z.ZodType<ReviewContent, unknown>;

/** One problem: the field ('summary', 'actionItems', or 'actionItems.2.due'), a message naming it, and the bare problem. */
export interface ReviewIssue {
  field: string;
  message: string;
  /** Without the field's name, for a form that shows it next to the field. */
  problem: string;
}

/** Validates a review, returning every problem at once (the modal shows them all). */
export function checkReview(input: unknown): { ok: true; content: ReviewContent } | { ok: false; issues: ReviewIssue[] } {
  const parsed = reviewSchema.safeParse(input);
  if (parsed.success) return { ok: true, content: parsed.data };
  const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: `${labelOf(i.path)}: ${i.message}`, problem: i.message }));
  return { ok: false, issues };
}

/** The validated review, or AppError('invalid_input') naming the first field at fault (details.field). */
export function parseReviewContent(input: unknown): ReviewContent {
  const checked = checkReview(input);
  if (checked.ok) return checked.content;
  const [first] = checked.issues;
  throw new AppError('invalid_input', first?.message ?? 'The review is not valid.', { field: first?.field ?? 'summary' });
}

function labelOf(path: readonly PropertyKey[]): string {
  const [field, index, part] = path;
  if (field === 'actionItems') {
    if (typeof index !== 'number') return 'Action items';
    return `Action item ${index + 1}${part === 'owner' ? ' owner' : part === 'due' ? ' due date' : ''}`;
  }
  return REVIEW_FIELD_LABELS[field as keyof typeof REVIEW_FIELD_LABELS] ?? 'Review';
}
