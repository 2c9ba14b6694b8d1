// conversations.history and conversations.replies with Slack's paging rules: latest/oldest bounds,
// inclusive, limit and cursor; history newest first, replies oldest first (parent first).
import type { EmuMessage } from '../types.js';
import type { MethodContext, MethodTable } from './common.js';
import { SlackApiError, bool, decodeCursor, encodeCursor, int, memberChannelArg, str } from './common.js';
import { compareTs } from '../workspace.js';
import { messageJson } from '../shapes.js';

/** A ts argument, or the Slack error for a malformed one. */
function tsArg(params: Record<string, unknown>, key: string, code: string): string | undefined {
  const v = str(params, key);
  if (v !== undefined && !/^\d+(\.\d+)?$/.test(v)) throw new SlackApiError(code);
  return v;
}

/** Keep the messages inside (oldest, latest), bounds included when inclusive. */
function inRange(messages: EmuMessage[], params: Record<string, unknown>): EmuMessage[] {
  const latest = tsArg(params, 'latest', 'invalid_ts_latest');
  const oldest = tsArg(params, 'oldest', 'invalid_ts_oldest');
  const inclusive = bool(params, 'inclusive');
  return messages.filter((m) => {
    if (latest !== undefined) {
      const c = compareTs(m.ts, latest);
      if (c > 0 || (c === 0 && !inclusive)) return false;
    }
    if (oldest !== undefined) {
      const c = compareTs(m.ts, oldest);
      if (c < 0 || (c === 0 && !inclusive)) return false;
    }
    return true;
  });
}

/** One page of an ordered list; the cursor is the index of the next item. */
function page(ctx: MethodContext, ordered: EmuMessage[], maxLimit: number) {
  const limit = int(ctx.params, 'limit', 100, 1, maxLimit);
  const start = Number(decodeCursor(str(ctx.params, 'cursor')) ?? 0);
  const slice = ordered.slice(start, start + limit);
  const hasMore = start + limit < ordered.length;
  const includeMetadata = bool(ctx.params, 'include_all_metadata');
  return {
    messages: slice.map((m) => messageJson(ctx.ws, m, { includeMetadata })),
    has_more: hasMore,
    ...(hasMore ? { response_metadata: { next_cursor: encodeCursor(String(start + limit)) } } : {}),
  };
}

/** conversations.history and conversations.replies. */
export const historyMethods: MethodTable = {
  'conversations.history': (ctx) => {
    const ch = memberChannelArg(ctx.ws, ctx.params);
    // History shows channel-level messages only: thread replies live in replies; ephemeral ones are never stored by Slack.
    const top = ctx.ws.messages(ch.id).filter((m) => !m.ephemeral && (m.thread_ts === undefined || m.thread_ts === m.ts));
    const newestFirst = inRange(top, ctx.params).sort((a, b) => compareTs(b.ts, a.ts));
    return { ...page(ctx, newestFirst, 999), pin_count: top.filter((m) => m.pinned).length };
  },

  'conversations.replies': (ctx) => {
    const ch = memberChannelArg(ctx.ws, ctx.params);
    const ts = tsArg(ctx.params, 'ts', 'thread_not_found');
    const asked = ts ? ctx.ws.findMessage(ch.id, ts) : undefined;
    if (!asked || asked.ephemeral) throw new SlackApiError('thread_not_found');
    const rootTs = asked.thread_ts ?? asked.ts;
    const thread = ctx.ws.messages(ch.id).filter((m) => !m.ephemeral && (m.ts === rootTs || m.thread_ts === rootTs));
    const oldestFirst = inRange(thread, ctx.params).sort((a, b) => compareTs(a.ts, b.ts));
    return page(ctx, oldestFirst, 1000);
  },
};
