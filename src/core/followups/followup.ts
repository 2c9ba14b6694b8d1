// Follow-ups: what a follow-up is, and the pure rules that keep them in step with a review and order them in lists.
import type { ActionItem } from '../../shared/action-item.js';

/** Where a follow-up stands. */
export type FollowupState = 'open' | 'done' | 'cancelled';

/** One follow-up as stored. */
export interface Followup {
  id: number;
  incidentId: number;
  text: string;
  owner: string | null;
  /** YYYY-MM-DD, read in TIMEZONE. */
  due: string | null;
  state: FollowupState;
  reviewVersion: number;
  changedBy: string;
  changedAt: Date;
}

/** A follow-up with its incident's reference; text is absent when the reader may not see the incident. */
export interface ListedFollowup {
  id: number;
  ref: string;
  incidentNumber: number;
  /** Shown as its reference only: the incident is private and the reader may not see it. */
  redacted: boolean;
  text?: string;
  owner: string | null;
  due: string | null;
  state: FollowupState;
}

/** What saving a review does to an incident's follow-ups. */
export interface FollowupPlan {
  /** Items the review names for the first time. */
  add: ActionItem[];
  /** Cancelled items the review names again: open again, with the review's owner and due date. */
  reopen: { row: Followup; item: ActionItem }[];
  /** Open items whose owner or due date this review version changed: the fields to set. */
  update: { row: Followup; set: Partial<Pick<ActionItem, 'owner' | 'due'>> }[];
  /** Open items the review no longer names. */
  cancel: Followup[];
}

/**
 * Compares the review's action items with the stored follow-ups, matching by text. Done items stay done whatever the
 * review says (the work was done); an item named twice counts once. An owner or due date is taken from the review only
 * where this version changed it from the previous one (`previous`), so a Reassign made since is not undone by a save
 * that left the item alone.
 */
export function planFollowups(rows: readonly Followup[], items: readonly ActionItem[], previous: readonly ActionItem[] = []): FollowupPlan {
  const before = new Map(previous.map((i) => [i.text, i]));
  const byText = new Map(rows.map((r) => [r.text, r]));
  const named = new Map<string, ActionItem>();
  for (const item of items) if (!named.has(item.text)) named.set(item.text, item);
  const plan: FollowupPlan = { add: [], reopen: [], update: [], cancel: [] };
  for (const item of named.values()) {
    const row = byText.get(item.text);
    if (!row) plan.add.push(item);
    else if (row.state === 'cancelled') plan.reopen.push({ row, item });
    else if (row.state === 'open') {
      const set = changedFields(row, item, before.get(item.text));
      if (Object.keys(set).length > 0) plan.update.push({ row, set });
    }
  }
  plan.cancel = rows.filter((r) => r.state === 'open' && !named.has(r.text));
  return plan;
}

function changedFields(row: Followup, item: ActionItem, prev: ActionItem | undefined): Partial<Pick<ActionItem, 'owner' | 'due'>> {
  const set: Partial<Pick<ActionItem, 'owner' | 'due'>> = {};
  if (row.owner !== item.owner && (!prev || prev.owner !== item.owner)) set.owner = item.owner;
  if (row.due !== item.due && (!prev || prev.due !== item.due)) set.due = item.due;
  return set;
}

/** Whether an open follow-up is due on `today` (YYYY-MM-DD) or before. */
export function isDue(f: Pick<Followup, 'state' | 'due'>, today: string): boolean {
  return f.state === 'open' && f.due !== null && f.due <= today;
}

const STATE_ORDER: Record<FollowupState, number> = { open: 0, done: 1, cancelled: 2 };

/** List order: open first, then by due date (undated last), then incident and id. */
export function compareFollowups(a: Omit<ListedFollowup, 'ref' | 'redacted'>, b: Omit<ListedFollowup, 'ref' | 'redacted'>): number {
  return (
    STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
    (a.due ?? '9999-99-99').localeCompare(b.due ?? '9999-99-99') ||
    a.incidentNumber - b.incidentNumber ||
    a.id - b.id
  );
}
