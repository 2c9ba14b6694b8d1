// A review's follow-up action, as the reviews table's JSON column stores it; below core and db because both use it.

/** One follow-up action from a review. */
export interface ActionItem {
  text: string;
  /** Slack user id of the owner, if one was named. */
  owner: string | null;
  /** Due date as YYYY-MM-DD, if one was set. */
  due: string | null;
}
