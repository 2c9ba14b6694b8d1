// The post-incident review modal and the reading of its submission. Pure: the listener opens and submits it.
// Each action item is a row of three inputs (what, owner, due date); empty rows are ignored, so the modal offers a
// few spare ones instead of add/remove buttons that would need a round trip per click.
import type { Incident } from '../../core/index.js';
import { REVIEW_FIELD_LABELS, type Review, type ReviewContent, checkReview, MAX_ACTION_ITEMS, MAX_ACTION_TEXT, MAX_REVIEW_TEXT } from '../../core/index.js';
import { BUTTON, CALLBACK, REVIEW_FIELD, reviewItemId } from '../ids.js';
import { button, clip, context, md, mention, section, slackDate, type Mrkdwn } from './text.js';
import { drillPrefix } from './drill.js';

/** What the modal carries between opening and submission (private_metadata). */
export interface ReviewModalMetadata {
  ref: string;
  /** Where it was opened from: asking from the incident's channel proves membership of a private incident. */
  channel?: string;
}

/** Rows offered when there are few action items; with more, the stored ones plus SPARE_ROWS. */
export const DEFAULT_ROWS = 5;
export const SPARE_ROWS = 2;

/** How many action-item rows the modal shows for a review with `items` action items. */
export function reviewRows(items: number): number {
  return Math.min(MAX_ACTION_ITEMS, Math.max(DEFAULT_ROWS, items + SPARE_ROWS));
}

type TextKey = keyof typeof REVIEW_FIELD;
const TEXT_FIELDS: readonly { key: TextKey; hint?: string; placeholder?: string }[] = [
  { key: 'summary', placeholder: 'What happened, in a few sentences' },
  { key: 'impact', placeholder: 'Who and what was affected, for how long' },
  { key: 'rootCause' },
  { key: 'wentWell' },
  { key: 'wentWrong' },
  { key: 'lessons', hint: 'One per line. Admins can turn each into an awareness tip (/awareness promote).' },
];

const plain = (text: string, max = 2000) => ({ type: 'plain_text' as const, text: clip(text, max), emoji: true });

function input(blockId: string, label: string, element: Record<string, unknown>, opts: { optional?: boolean; hint?: string } = {}) {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    ...(opts.optional === false ? {} : { optional: true }),
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
    element: { ...element, action_id: blockId },
  };
}

function textInput(max: number, initial: string, opts: { multiline?: boolean; placeholder?: string } = {}) {
  return {
    type: 'plain_text_input',
    max_length: max,
    ...(opts.multiline ? { multiline: true } : {}),
    ...(initial ? { initial_value: initial.slice(0, max) } : {}),
    ...(opts.placeholder ? { placeholder: plain(opts.placeholder, 150) } : {}),
  };
}

/** One action-item row: what, owner, due date (all optional: an empty row is skipped). */
function itemRow(row: number, item: Review['actionItems'][number] | undefined) {
  const n = row + 1;
  return [
    input(reviewItemId(row, 'text'), `Action ${n}`, textInput(MAX_ACTION_TEXT, item?.text ?? '', { placeholder: 'What is to be done' })),
    input(reviewItemId(row, 'owner'), `Action ${n}: owner`, { type: 'users_select', ...(item?.owner ? { initial_user: item.owner } : {}) }),
    input(reviewItemId(row, 'due'), `Action ${n}: due date`, { type: 'datepicker', ...(item?.due ? { initial_date: item.due } : {}) }),
  ];
}

/** The modal, pre-filled from the latest version when there is one. */
export function reviewModal(opts: { incident: Pick<Incident, 'ref' | 'title'> & { drill?: boolean }; latest: Review | null; metadata: ReviewModalMetadata }) {
  const { incident, latest } = opts;
  const about = latest
    ? md`Pre-filled from version ${latest.version} (saved by ${mention(latest.savedBy)} ${slackDate(latest.savedAt)}). Saving makes version ${latest.version + 1}; earlier versions are kept.`
    : md`Every save is kept as a new version. Only the summary is required.`;
  const texts = TEXT_FIELDS.map((f) =>
    input(REVIEW_FIELD[f.key], REVIEW_FIELD_LABELS[f.key], textInput(MAX_REVIEW_TEXT, latest?.[f.key] ?? '', { multiline: true, ...(f.placeholder ? { placeholder: f.placeholder } : {}) }), {
      optional: f.key !== 'summary',
      ...(f.hint ? { hint: f.hint } : {}),
    }),
  );
  const items = latest?.actionItems ?? [];
  const rows = Array.from({ length: reviewRows(items.length) }, (_, row) => itemRow(row, items[row])).flat();
  return {
    type: 'modal' as const,
    callback_id: CALLBACK.review,
    title: plain('Post-incident review', 24),
    submit: plain('Save review', 24),
    close: plain('Cancel', 24),
    private_metadata: JSON.stringify(opts.metadata),
    // Built from our own helpers; Slack's block union types are too strict to express them without a cast.
    blocks: [
      section(md`${drillPrefix({ drill: incident.drill ?? false })}*${incident.ref} · ${clip(incident.title, 200)}*`),
      context(about),
      ...texts,
      section(md`*Action items*`),
      context(md`Owner and due date are optional; leave a row empty to skip it. Past due dates are fine: reviews are often written late.`),
      ...rows,
    ] as never[],
  };
}

/** Reads the modal's private_metadata. */
export function decodeReviewMetadata(raw: string): ReviewModalMetadata {
  const m = JSON.parse(raw) as Partial<ReviewModalMetadata>;
  if (typeof m.ref !== 'string') throw new Error('review modal metadata is malformed');
  return { ref: m.ref, ...(typeof m.channel === 'string' ? { channel: m.channel } : {}) };
}

type Values = Record<string, Record<string, { value?: string | null; selected_user?: string | null; selected_date?: string | null }>>;

/** The review in a submission, validated, or the problems keyed by the block they belong to (response_action: errors). */
export function readReviewSubmission(values: Values): ReviewContent | { errors: Record<string, string> } {
  const field = (id: string) => values[id]?.[id];
  const text = (id: string) => field(id)?.value ?? '';
  // Rows with anything in them, with the row each came from so problems go next to the right inputs.
  const rows: number[] = [];
  const actionItems = [];
  for (let row = 0; row < MAX_ACTION_ITEMS; row += 1) {
    const item = { text: text(reviewItemId(row, 'text')), owner: field(reviewItemId(row, 'owner'))?.selected_user ?? null, due: field(reviewItemId(row, 'due'))?.selected_date ?? null };
    if (item.text.trim() === '' && !item.owner && !item.due) continue;
    rows.push(row);
    actionItems.push(item);
  }
  const checked = checkReview({
    summary: text(REVIEW_FIELD.summary),
    impact: text(REVIEW_FIELD.impact),
    rootCause: text(REVIEW_FIELD.rootCause),
    wentWell: text(REVIEW_FIELD.wentWell),
    wentWrong: text(REVIEW_FIELD.wentWrong),
    lessons: text(REVIEW_FIELD.lessons),
    actionItems,
  });
  if (checked.ok) return checked.content;
  const errors: Record<string, string> = {};
  for (const issue of checked.issues) {
    const block = blockFor(issue.field, rows);
    // The first problem of a field is the one to fix first; Slack shows one line per field.
    errors[block] ??= capitalise(issue.problem).slice(0, 150);
  }
  return { errors };
}

/** The block a core field path belongs to ('actionItems.2.due' → that item's row's date picker). */
export function blockFor(path: string, rows: readonly number[] = []): string {
  const [head, index, part] = path.split('.');
  if (head === 'actionItems') {
    const row = rows[Number(index)] ?? rows[0] ?? 0;
    return reviewItemId(row, part === 'owner' || part === 'due' ? part : 'text');
  }
  return REVIEW_FIELD[head as TextKey] ?? REVIEW_FIELD.summary;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Blocks under a message that offer to write the incident's review (after closing, or when closing was refused). */
export function reviewPrompt(lead: Mrkdwn, ref: string, note: Mrkdwn = md`No post-incident review yet.`) {
  return [section(lead), context(note), { type: 'actions' as const, elements: [button('Write the review', BUTTON.writeReview, ref, 'primary')] }];
}
