// Files for people: reports and charts go up through Slack's external upload flow, driven step by step so the one
// step a person sees (files.completeUploadExternal, which shares the file with its comment) happens at most once:
// 1. files.getUploadURLExternal reserves a file id (nothing visible: safe to retry);
// 2. the bytes go to the upload URL (nothing visible);
// 3. files.completeUploadExternal shares it, through a client that never retries on its own. When its answer is lost
//    (a timeout, a reset, a 5xx), the channel's history is searched for a message carrying this file id before the
//    call is made again, so a lost answer never shares the file twice.
import { WebClient } from '@slack/web-api';
import { classify } from '../outbox/errors.js';
import type { Mrkdwn } from '../blocks/mrkdwn.js';

/** A file to share in a channel. */
export interface FileToShare {
  channelId: string;
  filename: string;
  title: string;
  content: Buffer;
  comment?: Mrkdwn;
}

/** Uploads a file and shares it in a channel once, even when Slack's answer to the share is lost; returns the file id. */
export async function uploadFile(client: WebClient, f: FileToShare): Promise<string> {
  const reserved = await client.files.getUploadURLExternal({ filename: f.filename, length: f.content.length });
  const fileId = reserved.file_id;
  if (!reserved.upload_url || !fileId) throw new Error('Slack gave no upload URL for the file');
  const put = await fetch(reserved.upload_url, { method: 'POST', body: f.content, headers: { 'content-type': 'application/octet-stream' } });
  if (!put.ok) throw Object.assign(new Error(`the file upload was refused (HTTP ${put.status})`), { code: 'slack_webapi_http_error', statusCode: put.status });
  const complete = () =>
    noRetries(client).files.completeUploadExternal({
      files: [{ id: fileId, title: f.title }],
      channel_id: f.channelId,
      // initial_comment is read as mrkdwn, like a message's text.
      ...(f.comment ? { initial_comment: f.comment.text } : {}),
    });
  const started = Date.now();
  for (let tries = 1; ; tries += 1) {
    try {
      await complete();
      return fileId;
    } catch (err) {
      // A refusal (not_in_channel, file_not_found…) is final; an unclear failure may have shared the file.
      if (classify(err).kind === 'permanent' || tries >= 3) throw err;
      if (await isShared(client, f.channelId, fileId, started)) return fileId;
    }
  }
}

/** The direct-message channel between the bot and a person (for what only they should get). */
export async function directChannel(client: WebClient, userId: string): Promise<string> {
  const res = await client.conversations.open({ users: userId });
  const id = res.channel?.id;
  if (!id) throw new Error('Slack opened no direct-message channel');
  return id;
}

/** Joins streamed text into the bytes of a file. */
export async function bytesOf(chunks: AsyncIterable<string>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk, 'utf8'));
  return Buffer.concat(parts);
}

/** A client like this one (same token and API address) that makes each call once: retries are decided here. */
function noRetries(client: WebClient): WebClient {
  return new WebClient(client.token, { slackApiUrl: client.slackApiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
}

/** Whether a message in the channel since `since` carries the file: the share happened although its answer was lost. */
async function isShared(client: WebClient, channel: string, fileId: string, since: number): Promise<boolean> {
  // A margin for clock skew between this machine and Slack.
  const oldest = String(Math.floor(since / 1000) - 300);
  let cursor: string | undefined;
  do {
    const page = await client.conversations.history({ channel, oldest, limit: 200, ...(cursor ? { cursor } : {}) });
    if (page.messages?.some((m) => m.files?.some((file) => file.id === fileId))) return true;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return false;
}
