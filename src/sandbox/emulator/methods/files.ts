// The external file upload flow: files.getUploadURLExternal reserves a file and hands out an upload URL on
// the emulator; the bot POSTs the bytes there; files.completeUploadExternal shares the file in a channel.
import type { MethodTable } from './common.js';
import { SlackApiError, int, memberChannelArg, str } from './common.js';
import { fileJson } from '../shapes.js';

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
