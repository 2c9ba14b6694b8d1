// "Got it": one acknowledgement per person per message, counted for the message and for the stats.
import { DateTime } from 'luxon';
import { AppError } from '../../shared/errors.js';
import type { AwarenessDeps } from './deps.js';
import { slotKey } from '../schedules/schedule.js';
import { ackCount, addAck, postByMessage, postsWithAcks } from './queries.js';

/** Records that a person acknowledged an awareness message; pressing again changes nothing. */
export async function acknowledge(
  deps: Pick<AwarenessDeps, 'db' | 'clock'>,
  userId: string,
  channelId: string,
  ts: string,
): Promise<{ first: boolean; count: number; tipId: string; slotKey: string }> {
  const post = await postByMessage(deps.db, channelId, ts);
  if (!post) throw new AppError('invalid_input', 'That message is not an awareness tip Rampart posted.');
  const first = await addAck(deps.db, channelId, ts, userId, deps.clock.now());
  return { first, count: await ackCount(deps.db, channelId, ts), tipId: post.tipId, slotKey: slotKey(post.schedule, post.slotAt) };
}

/** One row of the stats: a week's post in one channel. */
export interface AckStat {
  week: string;
  channelId: string;
  tipId: string;
  acks: number;
  audience: number | null;
  /** Acknowledgements per member, 0–1, when the channel's size is known. */
  rate: number | null;
}

/** Acknowledgements per post over the last `weeks` weeks, newest first, plus totals per channel. */
export async function ackStats(deps: Pick<AwarenessDeps, 'db' | 'clock'>, weeks = 12): Promise<{ rows: AckStat[]; byChannel: { channelId: string; acks: number; audience: number; rate: number | null }[] }> {
  const since = new Date(deps.clock.now().getTime() - weeks * 7 * 86_400_000);
  const rows = (await postsWithAcks(deps.db, since)).map((p) => ({
    week: isoWeek(p.slotAt),
    channelId: p.channelId,
    tipId: p.tipId,
    acks: p.acks,
    audience: p.audience,
    rate: p.audience ? Math.min(1, p.acks / p.audience) : null,
  }));
  const channels = [...new Set(rows.map((r) => r.channelId))];
  const byChannel = channels.map((channelId) => {
    const mine = rows.filter((r) => r.channelId === channelId);
    const acks = mine.reduce((n, r) => n + r.acks, 0);
    const audience = mine.reduce((n, r) => n + (r.audience ?? 0), 0);
    return { channelId, acks, audience, rate: audience > 0 ? Math.min(1, acks / audience) : null };
  });
  return { rows, byChannel };
}

/** ISO 8601 week of a date in a zone, e.g. 2026-W48. */
export function isoWeek(d: Date, zone = 'UTC'): string {
  return DateTime.fromJSDate(d, { zone }).toFormat("kkkk-'W'WW");
}
