// The external upload flow, driven by WebClient.filesUploadV2 as the bot would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { webApi } from '@slack/bolt';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import { client, startEmulator } from './helpers.js';

let emu: SlackEmulator;
let web: webApi.WebClient;
beforeEach(async () => {
  ({ emu } = await startEmulator());
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

  it('answers not_in_channel when sharing into a channel the bot is not in', async () => {
    const ch = emu.channel('elsewhere', { botMember: false });
    await expect(web.filesUploadV2({ channel_id: ch.id, filename: 'a.txt', content: 'abc' })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
  });
});
