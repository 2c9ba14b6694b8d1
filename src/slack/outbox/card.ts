// The incident card in Slack: posted as the channel's first message and pinned, then updated in place (chat.update,
// idempotent, so a retry after a lost answer changes nothing) each time a change enqueues a refresh. A card someone
// deleted is posted (and pinned) again, once: the new message is what later refreshes update.
import type { WebClient } from '@slack/web-api';
import { buildCard, cardMessage, type Clock, type OutboxRow, type PlaybookLibrary } from '../../core/index.js';
import type { Db } from '../../db/types.js';
import { incidentCard } from '../blocks/card.js';
import { slackErrorOf } from '../services/slack-call.js';
import { classify } from './errors.js';

/** What a card delivery returns (send.ts's Sent): kept in the outbox row's result. */
interface Sent {
  result: Record<string, unknown>;
}

/** What rendering the card needs: the database (the incident as it is now), the playbooks it suggests, core's clock (overdue deadlines). */
interface SendContext {
  db: Db;
  playbooks: PlaybookLibrary;
  clock: Clock;
}

/** How the card reaches Slack: send.ts's keyed post (found, not posted twice, after an unclear failure). */
export type PostKeyed = (client: WebClient, channel: string, row: OutboxRow, message: { text: string; blocks?: unknown[] }) => Promise<Sent>;

/** Posts the card (channel_intro) and pins it. */
export async function postCard(client: WebClient, ctx: SendContext, row: OutboxRow, postKeyed: PostKeyed): Promise<Sent> {
  const sent = await postKeyed(client, row.lane, row, await renderCard(ctx, row));
  return { result: { ...sent.result, ...(await pin(client, sent.result)) } };
}

/** Updates the card in place (card_refreshed); posts it again when the message is gone. */
export async function refreshCard(client: WebClient, ctx: SendContext, row: OutboxRow, postKeyed: PostKeyed): Promise<Sent> {
  const where = await cardMessage(ctx.db, incidentIdOf(row));
  // Not posted yet (or given up): the card, when it is posted, renders the incident as it is then.
  if (!where) return { result: { skipped: 'no card to update' } };
  const card = await renderCard(ctx, row);
  try {
    await client.chat.update({ channel: where.channel, ts: where.ts, text: card.text, blocks: card.blocks as never[] });
    return { result: { ...where } };
  } catch (err) {
    if (slackErrorOf(err) !== 'message_not_found') throw err;
  }
  // Deleted: posted again under this refresh's key, so a retry finds it rather than posting a third.
  const sent = await postKeyed(client, where.channel, row, card);
  return { result: { ...sent.result, reposted: true, ...(await pin(client, sent.result)) } };
}

async function renderCard(ctx: SendContext, row: OutboxRow) {
  const card = await buildCard(ctx.db, incidentIdOf(row), { now: ctx.clock.now() });
  if (!card) throw new Error(`incident ${row.incidentId} not found for ${row.key}`);
  return incidentCard(card, ctx.playbooks.forType(card.incident.type));
}

function incidentIdOf(row: OutboxRow): number {
  if (row.incidentId === null) throw new Error(`no incident for ${row.key}`);
  return row.incidentId;
}

/**
 * Pins the card. Already pinned (a retry) is done; a refusal retrying cannot fix (the workspace forbids pins) leaves
 * the card posted and unpinned, said in the row's result, rather than failing a message people already see.
 */
async function pin(client: WebClient, posted: Record<string, unknown>): Promise<{ pinned: boolean; pinError?: string }> {
  try {
    await client.pins.add({ channel: String(posted.channel), timestamp: String(posted.ts) });
    return { pinned: true };
  } catch (err) {
    const code = slackErrorOf(err);
    if (code === 'already_pinned') return { pinned: true };
    if (classify(err).kind !== 'permanent') throw err;
    return { pinned: false, pinError: code };
  }
}
