// Post-incident reviews: what a review holds. Every save is a new version; earlier versions are kept as they were.

/** One follow-up action from a review. */
export interface ActionItem {
  text: string;
  /** Slack user id of the owner, if one was named. */
  owner: string | null;
  /** Due date as YYYY-MM-DD, if one was set. */
  due: string | null;
}

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

/** A stored version of an incident's review. */
export interface Review extends ReviewContent {
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
