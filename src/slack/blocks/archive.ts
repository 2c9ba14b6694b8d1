// The notice posted in an incident channel when the incident closes: when the channel will be archived, and Keep open.
import type { NotificationPayloads } from '../../core/index.js';
import { BUTTON } from '../ids.js';
import { drillPrefix } from './drill.js';
import { message, type SlackMessage } from './message.js';
import { md, slackDate } from './mrkdwn.js';
import { button, section } from './text.js';

/** The archive notice, with a Keep open button carrying the incident's reference. */
export function archiveNotice(p: NotificationPayloads['archive_notice']): SlackMessage {
  const text = md`${drillPrefix(p)}:file_cabinet: *${p.ref}* is closed. This channel will be archived ${slackDate(new Date(p.archiveAt))}; its history stays searchable. Press *Keep open* if the team still needs it.`;
  return message(text, [section(text), { type: 'actions' as const, elements: [button('Keep open', BUTTON.keepOpen, p.ref)] }]);
}
