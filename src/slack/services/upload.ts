// Files for people: reports and charts go up through Slack's external upload flow (files.getUploadURLExternal, the
// upload itself, files.completeUploadExternal), which WebClient.filesUploadV2 drives.
import type { WebClient } from '@slack/web-api';
import type { Mrkdwn } from '../blocks/mrkdwn.js';

/** Uploads a file and shares it in a channel; returns the file id. */
export async function uploadFile(
  client: WebClient,
  f: { channelId: string; filename: string; title: string; content: Buffer; comment?: Mrkdwn },
): Promise<string> {
  const res = await client.filesUploadV2({
    channel_id: f.channelId,
    file: f.content,
    filename: f.filename,
    title: f.title,
    // initial_comment is read as mrkdwn, like a message's text.
    ...(f.comment ? { initial_comment: f.comment.text } : {}),
  });
  const id = res.files.flatMap((r) => r.files ?? [])[0]?.id;
  if (!id) throw new Error('Slack accepted the upload but returned no file id');
  return id;
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
