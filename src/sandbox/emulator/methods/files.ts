// The external file upload flow: files.getUploadURLExternal reserves a file and hands out an upload URL on
// the emulator; the bot POSTs the bytes there; files.completeUploadExternal shares the file in a channel.
// Slack finishes an external upload asynchronously: for a while after files.completeUploadExternal returns, a block
// that shows the file (`slack_file: { id }`) is refused with invalid_blocks, "invalid slack file" (reported on
// slackapi/slack-github-action#413 and python-slack-sdk#1521 and #1658). The emulator does the same, on its clock.
import type { MethodTable } from './common.js';
import { SlackApiError, int, memberChannelArg, str } from './common.js';
import { fileJson } from '../shapes.js';
import type { Workspace } from '../workspace.js';

/** How long after files.completeUploadExternal a file can be shown in a block (emulator clock). */
export const FILE_PROCESSING_MS = 3000;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where blocks show a Slack file: an image block, an image accessory, an image in a context block. */
function slackFileRefs(blocks: readonly unknown[]): { pointer: string; id: unknown }[] {
  const refs: { pointer: string; id: unknown }[] = [];
  blocks.forEach((block, i) => {
    if (!isObj(block)) return;
    if (isObj(block.slack_file)) refs.push({ pointer: `/blocks/${i}/slack_file`, id: block.slack_file.id });
    if (isObj(block.accessory) && isObj(block.accessory.slack_file)) refs.push({ pointer: `/blocks/${i}/accessory/slack_file`, id: block.accessory.slack_file.id });
    if (Array.isArray(block.elements)) {
      block.elements.forEach((el, j) => {
        if (isObj(el) && isObj(el.slack_file)) refs.push({ pointer: `/blocks/${i}/elements/${j}/slack_file`, id: el.slack_file.id });
      });
    }
  });
  return refs;
}

/** Slack's errors for blocks showing a file that does not exist or that Slack has not finished processing. */
export function slackFileErrors(ws: Workspace, blocks: readonly unknown[]): string[] {
  return slackFileRefs(blocks)
    .filter(({ id }) => {
      const file = typeof id === 'string' ? ws.sessions.files.get(id) : undefined;
      return !file || !file.completed || file.readyAt === undefined || ws.now() < file.readyAt;
    })
    .map(({ pointer }) => `invalid slack file [json-pointer:${pointer}]`);
}

/** File upload handlers. */
export const fileMethods: MethodTable = {
  'files.getUploadURLExternal': ({ ws, params }) => {
    const filename = str(params, 'filename');
    const length = int(params, 'length', 0, 0, Number.MAX_SAFE_INTEGER);
    if (!filename || length <= 0) throw new SlackApiError('invalid_arguments', { response_metadata: { messages: ['[ERROR] filename and length are required'] } });
    const file = ws.sessions.reserveFile(filename, length, ws.nowSeconds());
    return { upload_url: `${ws.baseUrl}/_upload/${file.id}`, file_id: file.id };
  },

  'files.completeUploadExternal': ({ ws, params }) => {
    const entries = params.files;
    if (!Array.isArray(entries) || entries.length === 0) throw new SlackApiError('invalid_arguments');
    const files = entries.map((entry: unknown) => {
      const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
      const file = typeof e.id === 'string' ? ws.sessions.files.get(e.id) : undefined;
      // A file whose bytes never reached the upload URL cannot be completed either.
      if (!file || file.bytes === undefined) throw new SlackApiError('file_not_found');
      if (typeof e.title === 'string' && e.title !== '') file.title = e.title;
      return file;
    });
    const channel = str(params, 'channel_id') ? memberChannelArg(ws, params, 'channel_id') : undefined;
    for (const file of files) {
      file.completed = true;
      file.readyAt ??= ws.now() + FILE_PROCESSING_MS;
      if (channel && !file.channels.includes(channel.id)) file.channels.push(channel.id);
    }
    if (channel) {
      ws.addMessage({
        channel: channel.id,
        user: ws.botUser.id,
        text: str(params, 'initial_comment') ?? '',
        thread_ts: str(params, 'thread_ts'),
        files: files.map((f) => ({ id: f.id, name: f.name, title: f.title })),
        via: 'api',
      });
    }
    return { files: files.map((f) => fileJson(ws.baseUrl, f)) };
  },
};
