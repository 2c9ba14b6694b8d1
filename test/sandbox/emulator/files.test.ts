// The external upload flow, driven by WebClient.filesUploadV2 as the bot would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { webApi } from '@slack/bolt';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import { FILE_PROCESSING_MS } from '../../../src/sandbox/emulator/methods/files.js';
import { client, startEmulator, type TestClock } from './helpers.js';

let emu: SlackEmulator;
let clock: TestClock;
let web: webApi.WebClient;
beforeEach(async () => {
  ({ emu, clock } = await startEmulator());
  web = client(emu);
});
afterEach(() => emu.close());

describe('file uploads', () => {
  it('stores the bytes and shares the file in the channel with the initial comment', async () => {
    const ch = emu.channel('inc');
    const content = '# Post-incident report\n\nRoot cause: expired certificate.\n';
    const res = await web.filesUploadV2({ channel_id: ch.id, filename: 'report.md', title: 'PIR', content, initial_comment: 'Report attached' });
    expect(res.ok).toBe(true);
    const [file] = emu.files();
    expect(file).toMatchObject({ name: 'report.md', title: 'PIR', completed: true, channels: [ch.id] });
    expect(file?.bytes?.toString('utf8')).toBe(content);
    const [message] = emu.messages(ch.id);
    expect(message).toMatchObject({ text: 'Report attached', files: [{ id: file?.id, name: 'report.md', title: 'PIR' }] });
    const upload = emu.callsTo('files.getUploadURLExternal')[0];
    expect(upload?.params).toMatchObject({ filename: 'report.md', length: String(Buffer.byteLength(content)) });
  });

  it('refuses to complete a file whose bytes never arrived, and unknown files', async () => {
    const ch = emu.channel('inc');
    const reserved = await web.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });
    await expect(web.files.completeUploadExternal({ files: [{ id: reserved.file_id as string }], channel_id: ch.id })).rejects.toMatchObject({ data: { error: 'file_not_found' } });
    await expect(web.files.completeUploadExternal({ files: [{ id: 'F_NONE' }] })).rejects.toMatchObject({ data: { error: 'file_not_found' } });
    expect(emu.messages(ch.id)).toEqual([]);
  });

  it('refuses a fresh upload in an image block until Slack has processed it, as Slack does', async () => {
    const ch = emu.channel('inc');
    const res = await web.filesUploadV2({ channel_id: ch.id, filename: 'chart.png', content: 'png bytes' });
    const id = res.files.flatMap((r) => r.files ?? [])[0]!.id!;
    const image = { type: 'image', slack_file: { id }, alt_text: 'chart' };
    const fresh = web.chat.postMessage({ channel: ch.id, text: 'chart', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Figures' } }, image] });
    await expect(fresh).rejects.toMatchObject({
      data: { error: 'invalid_blocks', errors: ['invalid slack file [json-pointer:/blocks/1/slack_file]'], response_metadata: { messages: ['[ERROR] invalid slack file [json-pointer:/blocks/1/slack_file]'] } },
    });
    clock.advance(FILE_PROCESSING_MS);
    await expect(web.chat.postMessage({ channel: ch.id, text: 'chart', blocks: [image] })).resolves.toMatchObject({ ok: true });
    // A file that was never uploaded is refused however long one waits.
    await expect(web.chat.postMessage({ channel: ch.id, text: 'x', blocks: [{ type: 'image', slack_file: { id: 'F0NOSUCH' }, alt_text: 'x' }] })).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
  });

  it('answers not_in_channel when sharing into a channel the bot is not in', async () => {
    const ch = emu.channel('elsewhere', { botMember: false });
    await expect(web.filesUploadV2({ channel_id: ch.id, filename: 'a.txt', content: 'abc' })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
  });
});
