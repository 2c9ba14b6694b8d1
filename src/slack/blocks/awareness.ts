// The weekly awareness message: a tip (title, a few sentences, a do and a don't), how many people got it, and two
// buttons: Got it, and Report something suspicious.
import type { Tip } from '../../core/index.js';
import { BUTTON } from '../ids.js';
import { message } from './message.js';
import { button, context, header, md, section } from './text.js';

/** Slack message metadata type that marks our awareness posts, so a replica taking over can find them. */
export const AWARENESS_EVENT = 'rampart_awareness';

/** The message for a tip; acks is how many people pressed Got it. */
export function awarenessMessage(tip: Tip, slotKey: string, acks = 0) {
  return message(
    md`Security tip: ${tip.title}`,
    [
      header(`🛡️ ${tip.title}`),
      section(md`${tip.body}`),
      section(md`:white_check_mark: *Do:* ${tip.do}\n:no_entry_sign: *Don't:* ${tip.dont}`),
      context(acks === 0 ? md`Be the first to press *Got it*.` : md`${acks} ${acks === 1 ? 'person has' : 'people have'} got it.`),
      {
        type: 'actions' as const,
        block_id: 'awareness',
        elements: [button('Got it', BUTTON.awarenessAck, tip.id, 'primary'), button('Report something suspicious', BUTTON.awarenessReport, tip.id)],
      },
    ],
    { metadata: { event_type: AWARENESS_EVENT, event_payload: { slot: slotKey, tip: tip.id } } },
  );
}
