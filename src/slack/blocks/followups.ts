// Follow-ups in Slack: the `/incident followups` list (Done and Reassign on each open one the reader may see), an
// owner's reminder of what is due (Done on each), and the Reassign form. Pure builders.
import type { FollowupList, ListedFollowup, NotificationPayloads } from '../../core/index.js';
import { ACTION, BLOCK, BUTTON, CALLBACK } from '../ids.js';
import { message, type SlackMessage } from './message.js';
import { button, clip, context, md, mention, section, type Mrkdwn } from './text.js';

/** Follow-ups shown with their buttons in one message (two blocks each, within Slack's 50 blocks per message). */
export const MAX_LISTED = 20;

/** What the Reassign form carries between opening and submission. */
export interface ReassignMetadata {
  id: number;
  /** Where the button was pressed, for the reply after submission. */
  channel?: string;
}

/** `due 2026-12-01 (overdue)`, or nothing without a due date. */
function dueWords(due: string | null, today: string, open: boolean): Mrkdwn {
  if (!due) return md`no due date`;
  if (!open) return md`due ${due}`;
  return due < today ? md`*due ${due} (overdue)*` : due === today ? md`*due today*` : md`due ${due}`;
}

/** One follow-up as a line: reference, due date, owner, text; a private one the reader may not see by reference only. */
export function followupLine(f: ListedFollowup, today: string): Mrkdwn {
  if (f.redacted) return md`*${f.ref}* · :lock: a follow-up of a private incident · ${f.state}`;
  const open = f.state === 'open';
  const owner = f.owner ? mention(f.owner) : md`_no owner_`;
  const what = open ? md`${f.text ?? ''}` : md`~${f.text ?? ''}~ · ${f.state}`;
  return md`*${f.ref}* · ${dueWords(f.due, today, open)} · ${owner} · ${what}`;
}

function heading(list: FollowupList): Mrkdwn {
  if (list.scope === 'incident' && list.incident) return md`Follow-ups of *${list.incident.ref}*`;
  return list.scope === 'mine' ? md`Your open follow-ups` : md`Open follow-ups`;
}

/** The ephemeral list: open ones first, by due date, with Done and Reassign on each open one the reader may see. */
export function followupListMessage(list: FollowupList, today: string): SlackMessage {
  const title = heading(list);
  if (list.followups.length === 0) {
    const none =
      list.scope === 'incident'
        ? md`${title}: none. They come from the action items of its latest review (\`/incident review\`).`
        : md`${title}: none.`;
    return message(none, [section(none)]);
  }
  const open = list.followups.filter((f) => f.state === 'open').length;
  const lead = md`${title}: ${String(open)} open of ${String(list.followups.length)}`;
  const shown = list.followups.slice(0, MAX_LISTED);
  const blocks = [
    section(lead),
    ...shown.flatMap((f) => {
      const line = section(followupLine(f, today));
      if (f.redacted || f.state !== 'open') return [line];
      return [line, { type: 'actions' as const, elements: [button('Done', BUTTON.followupDone, String(f.id), 'primary'), button('Reassign', BUTTON.followupReassign, String(f.id))] }];
    }),
    ...(list.followups.length > shown.length ? [context(md`${String(list.followups.length - shown.length)} more not shown: name an incident to see its own.`)] : []),
  ];
  return message(lead, blocks);
}

/** An owner's reminder: each follow-up due on the day or overdue, with a Done button. */
export function reminderMessage(p: NotificationPayloads['followups_due']): SlackMessage {
  const n = p.items.length;
  const lead = md`:alarm_clock: You have ${String(n)} follow-up${n === 1 ? '' : 's'} due or overdue.`;
  const shown = p.items.slice(0, MAX_LISTED);
  const blocks = [
    section(lead),
    ...shown.flatMap((i) => [
      section(md`*${i.ref}* · ${dueWords(i.due, p.day, true)} · ${i.text}`),
      { type: 'actions' as const, elements: [button('Done', BUTTON.followupDone, String(i.id), 'primary')] },
    ]),
    context(md`${n > shown.length ? md`${String(n - shown.length)} more not shown. ` : md``}\`/incident followups mine\` lists all of yours.`),
  ];
  return message(lead, blocks);
}

const plainText = (text: string, max = 24) => ({ type: 'plain_text' as const, text: clip(text, max), emoji: true });

/** The Reassign form: who takes the follow-up over. */
export function reassignModal(f: { text: string; owner: string | null }, ref: string, meta: ReassignMetadata) {
  return {
    type: 'modal' as const,
    callback_id: CALLBACK.followupReassign,
    title: plainText('Reassign follow-up'),
    submit: plainText('Reassign'),
    close: plainText('Cancel'),
    private_metadata: JSON.stringify(meta),
    blocks: [
      section(md`*${ref}* · ${f.text}`),
      {
        type: 'input',
        block_id: BLOCK.assignee,
        label: plainText('Who takes it over?', 2000),
        element: { type: 'users_select', action_id: ACTION.assignee, ...(f.owner ? { initial_user: f.owner } : {}) },
      },
    ] as never[],
  };
}

/** Reads the Reassign form's private_metadata; throws when it is not ours. */
export function decodeReassignMetadata(raw: string): ReassignMetadata {
  const v = JSON.parse(raw) as Record<string, unknown>;
  if (typeof v.id !== 'number' || !Number.isSafeInteger(v.id)) throw new Error('not a follow-up form');
  return { id: v.id, ...(typeof v.channel === 'string' ? { channel: v.channel } : {}) };
}
