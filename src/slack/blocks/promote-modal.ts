// The form that turns an incident's lessons into an awareness tip. The admin rewrites them for all staff, so no
// name, account or detail of the incident goes out with the tip.
import { MAX_TIP_BODY } from '../../core/index.js';
import { CALLBACK, TIP_FIELD } from '../ids.js';
import { clip, clipMd, context, joinMd, md, section } from './text.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

function input(id: string, label: string, maxLength: number, opts: { multiline?: boolean; initial?: string; hint?: string } = {}) {
  return {
    type: 'input',
    block_id: id,
    label: plain(label),
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: id,
      max_length: maxLength,
      ...(opts.multiline ? { multiline: true } : {}),
      ...(opts.initial ? { initial_value: opts.initial.slice(0, maxLength) } : {}),
    },
  };
}

/** The modal, pre-filled with the lessons. */
export function promoteModal(ref: string, lessons: string[]) {
  const draft = lessons.join(' ');
  return {
    type: 'modal' as const,
    callback_id: CALLBACK.promoteLesson,
    title: plain('Lesson → weekly tip'),
    submit: plain('Queue the tip'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ ref }),
    blocks: [
      section(clipMd(md`*Lessons from ${ref}*\n${joinMd(lessons.map((l) => md`• ${clip(l, 600)}`), '\n')}`, 2900)),
      context(md`Rewrite them for all staff: leave out names, accounts and anything that identifies the incident.`),
      input(TIP_FIELD.title, 'Title', 100),
      input(TIP_FIELD.body, 'Tip (two to five sentences)', MAX_TIP_BODY, { multiline: true, initial: draft }),
      input(TIP_FIELD.do, 'Do', 200, { hint: 'One line: what to do.' }),
      input(TIP_FIELD.dont, "Don't", 200, { hint: 'One line: what to avoid.' }),
    ] as never[],
  };
}
