// What every Web API method handler shares: its signature, Slack's coded error, and argument readers that
// accept both form strings ('true', '10') and JSON values, as Slack does.
import type { Workspace, ChannelRecord } from '../workspace.js';

/** A Slack error answer: HTTP 200 with { ok: false, error: code, ...extra }. */
export class SlackApiError extends Error {
  override readonly name = 'SlackApiError';
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

/** What a handler gets: the workspace and the parsed arguments (JSON-encoded fields already decoded). */
export interface MethodContext {
  ws: Workspace;
  params: Record<string, unknown>;
}

/** A Web API method: returns the fields of an ok answer, or throws SlackApiError. */
export type MethodHandler = (ctx: MethodContext) => Record<string, unknown>;

/** A table of methods by name ('chat.postMessage'). */
export type MethodTable = Record<string, MethodHandler>;

/** A string argument, or undefined when absent or empty. */
export function str(params: Record<string, unknown>, key: string): string | undefined {
  const v = params[key];
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A required string argument; missing answers the given Slack error code. */
export function required(params: Record<string, unknown>, key: string, code = 'invalid_arguments'): string {
  const v = str(params, key);
  if (v === undefined) throw new SlackApiError(code);
  return v;
}

/** A boolean argument: true, 'true' and '1' are true. */
export function bool(params: Record<string, unknown>, key: string): boolean {
  const v = params[key];
  return v === true || v === 'true' || v === '1' || v === 1;
}

/** An integer argument with a default, clamped to [min, max]. */
export function int(params: Record<string, unknown>, key: string, fallback: number, min: number, max: number): number {
  const n = Number(params[key]);
  if (params[key] === undefined || params[key] === '' || !Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(n)));
}

/** The channel named by an argument (default 'channel'), or channel_not_found. Private channels the bot is not in are invisible, as in Slack. */
export function channelArg(ws: Workspace, params: Record<string, unknown>, key = 'channel'): ChannelRecord {
  const id = str(params, key);
  const ch = id ? ws.channelById(id) : undefined;
  if (!ch || (ch.is_private && !ch.members.includes(ws.botUser.id))) throw new SlackApiError('channel_not_found');
  return ch;
}

/** Like channelArg, and the bot must be a member (not_in_channel otherwise). */
export function memberChannelArg(ws: Workspace, params: Record<string, unknown>, key = 'channel'): ChannelRecord {
  const ch = channelArg(ws, params, key);
  if (!ch.members.includes(ws.botUser.id)) throw new SlackApiError('not_in_channel');
  return ch;
}

/** A cursor for paging: Slack's cursors are opaque base64 strings. */
export function encodeCursor(value: string): string {
  return Buffer.from(`next:${value}`).toString('base64');
}

/** The value inside a cursor made by encodeCursor, or invalid_cursor. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (!decoded.startsWith('next:')) throw new SlackApiError('invalid_cursor');
  return decoded.slice('next:'.length);
}
