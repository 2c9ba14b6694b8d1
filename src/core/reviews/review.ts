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
