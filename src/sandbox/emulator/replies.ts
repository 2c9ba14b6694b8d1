// What Slack does with the bot's answers: an ack body for a slash command or a button becomes a message,
// a view_submission answer keeps, changes or closes the modal, and response_url posts become messages.
import type { BotReply, EmuCall } from './types.js';
import type { Workspace } from './workspace.js';
import type { ViewRecord } from './sessions.js';
import { SlackApiError } from './methods/common.js';
import { readMessageContent } from './message-content.js';
import { checkedView, pushView } from './methods/views.js';

type Obj = Record<string, unknown>;

/** Where an ack or response_url message goes, and who triggered it. */
export interface ReplyTarget {
  channel: string;
  user: string;
}

/** Report a reply Slack would reject; it is not a Web API call, so it goes to the activity feed only. */
function rejected(ws: Workspace, method: string, params: Obj, error: SlackApiError, status: number): Obj {
  const response = { ok: false, error: error.code, ...error.extra };
  const call: EmuCall = { method, params, status, response, at: ws.now() };
  ws.emit({ kind: 'api_error', call });
  return response;
}

/** Post a message from a reply body: ephemeral to the user unless response_type is 'in_channel'. */
function postReply(ws: Workspace, target: ReplyTarget, body: Obj, via: 'ack' | 'response_url'): void {
  const content = readMessageContent(body, { ws });
  const inChannel = body.response_type === 'in_channel';
  ws.addMessage({
    channel: target.channel,
    user: ws.botUser.id,
    text: content.text ?? '',
    blocks: content.blocks,
    thread_ts: typeof body.thread_ts === 'string' ? body.thread_ts : undefined,
    ephemeral: !inChannel,
    visible_to: inChannel ? undefined : target.user,
    via,
  });
}

/** A slash command's or block_actions' HTTP answer: a non-empty 200 body is shown as a message. */
export function applyAckReply(ws: Workspace, target: ReplyTarget, reply: BotReply): void {
  // Slack drops an answer that came after its deadline; the person saw operation_timeout instead.
  if (reply.timedOut || reply.status !== 200 || reply.body.trim() === '') return;
  const body: Obj = typeof reply.json === 'object' && reply.json !== null ? (reply.json as Obj) : { text: reply.body };
  try {
    postReply(ws, target, body, 'ack');
  } catch (error) {
    if (!(error instanceof SlackApiError)) throw error;
    rejected(ws, 'ack', body, error, reply.status);
  }
}

/** A view_submission answer: empty closes the view; response_action errors/update/push/clear as Slack does. */
export function applyViewSubmissionReply(ws: Workspace, record: ViewRecord, reply: BotReply): void {
  // A failed or late request leaves the modal open, showing Slack's connection error.
  if (reply.timedOut || reply.status !== 200) return;
  const body = typeof reply.json === 'object' && reply.json !== null ? (reply.json as Obj) : undefined;
  const action = body?.response_action;
  try {
    if (action === 'errors') {
      record.errors = (body?.errors ?? {}) as Record<string, string>;
      ws.emit({ kind: 'view_updated', view: record });
    } else if (action === 'update') {
      ws.sessions.replaceView(record, checkedView(body?.view));
      ws.emit({ kind: 'view_updated', view: record });
    } else if (action === 'push') {
      pushView(ws, record.user, checkedView(body?.view));
    } else if (action === 'clear') {
      ws.sessions.closeStack(record);
    } else {
      record.closed = true;
    }
  } catch (error) {
    if (!(error instanceof SlackApiError)) throw error;
    rejected(ws, 'view_submission_response', body ?? {}, error, reply.status);
  }
}

/** A POST to a response_url: up to 5 per URL; replace_original and delete_original act on the source message. */
export function handleResponseUrlPost(ws: Workspace, id: string, body: Obj): { status: number; body: Obj } {
  const use = ws.sessions.useResponseUrl(id);
  if (!use.ok) return { status: 404, body: { ok: false, error: use.error } };
  const { record } = use;
  const source = record.sourceTs ? ws.findMessage(record.channel, record.sourceTs) : undefined;
  try {
    if (body.delete_original === true || body.delete_original === 'true') {
      if (!source) return { status: 404, body: { ok: false, error: 'message_not_found' } };
      ws.deleteMessage(source);
      return { status: 200, body: { ok: true } };
    }
    if ((body.replace_original === true || body.replace_original === 'true') && source) {
      const content = readMessageContent(body, { ws });
      ws.updateMessage(source, { text: content.text ?? '', blocks: content.blocks });
      return { status: 200, body: { ok: true } };
    }
    postReply(ws, record, body, 'response_url');
    return { status: 200, body: { ok: true } };
  } catch (error) {
    if (!(error instanceof SlackApiError)) throw error;
    return { status: 400, body: rejected(ws, 'response_url', body, error, 400) };
  }
}
