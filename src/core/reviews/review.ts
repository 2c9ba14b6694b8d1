// Post-incident reviews: what a review holds. Every save is a new version; earlier versions are kept as they were.
import type { SafeJson, SafeText } from '../../shared/safe-text.js';
import type { ActionItem } from '../../shared/action-item.js';

/** What people write in a review. */
export interface ReviewContent {
  summary: string;
  impact: string;
  rootCause: string;
  wentWell: string;
  wentWrong: string;
  /** Lessons learnt, one per line. */
  lessons: string;
  actionItems: ActionItem[];
}

/** The free-text fields of a review. */
export const REVIEW_TEXT_FIELDS = ['summary', 'impact', 'rootCause', 'wentWell', 'wentWrong', 'lessons'] as const;

/** A review's content once every text (action items' too) passed the redaction step: the only content stored. */
export type SafeReviewContent = { [K in (typeof REVIEW_TEXT_FIELDS)[number]]: SafeText } & { actionItems: SafeJson<ActionItem[]> };

/** A stored version of an incident's review. */
export interface Review extends SafeReviewContent {
  incidentId: number;
  version: number;
  savedBy: string;
  savedAt: Date;
}

/** Field names people see, for messages that say which field is wrong. */
export const REVIEW_FIELD_LABELS: Readonly<Record<Exclude<keyof ReviewContent, 'actionItems'>, string>> = {
  summary: 'Summary',
  impact: 'Impact',
  rootCause: 'Root cause',
  wentWell: 'What went well',
  wentWrong: 'What went wrong',
  lessons: 'Lessons learnt',
};

/** The lessons of a review as separate lessons: one per non-empty line, list markers (-, *, •, 1.) stripped. */
export function lessonLines(lessons: string): string[] {
  return lessons
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•‣◦–]|\d{1,3}[.)])(?:\s+|$)/, '').trim())
    .filter((line) => line !== '');
}
