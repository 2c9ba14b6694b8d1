// The Slack side of "was this you?" notifications that are more than one post: the answer shown in the question's
// direct messages (the first and, when it went out, the reminder), each updated in place.
import type { WebClient } from '@slack/web-api';
import type { Db } from '../../db/types.js';
import { askKey, rowsByKey, type NotificationPayloads } from '../../core/index.js';
import { answeredMessage } from '../blocks/asks.js';

/**
 * Updates each delivered message of the question to show the answer, buttons gone. chat.update is idempotent, so a
 * retry needs no lookup; a message never delivered (given up) leaves nothing to update.
 */
export async function showAnswer(client: WebClient, db: Db, p: NotificationPayloads['ask_answered']): Promise<{ result: Record<string, unknown> }> {
  const shown = answeredMessage(p);
  const updated: string[] = [];
  for (const row of await rowsByKey(db, [askKey(p.askId, 'sent'), askKey(p.askId, 'reminder')])) {
    const { channel, ts } = (row.deliveredAt ? row.result : {}) as { channel?: unknown; ts?: unknown };
    if (typeof channel !== 'string' || typeof ts !== 'string') continue;
    // Blocks of its own: chat.update keeps the old blocks (with the buttons) when an update sends none.
    await client.chat.update({ channel, ts, text: shown.text, blocks: shown.blocks as never[] });
    updated.push(ts);
  }
  return { result: { updated } };
}
