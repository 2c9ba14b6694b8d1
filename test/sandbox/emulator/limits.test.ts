// Block Kit limits: violations answer invalid_blocks (messages) or invalid_arguments (views) with
// Slack-style '[ERROR] … [json-pointer:…]' messages; values at the limit pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { webApi } from '@slack/bolt';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import { validateMessageBlocks, validateView } from '../../../src/sandbox/emulator/limits.js';
import { actions, client, section, startEmulator } from './helpers.js';

const button = (text: string, action_id = 'a') => ({ type: 'button', text: { type: 'plain_text', text }, action_id });
const header = (text: string) => ({ type: 'header', text: { type: 'plain_text', text } });
const modal = (over: Record<string, unknown> = {}) => ({ type: 'modal', title: { type: 'plain_text', text: 'Declare' }, blocks: [section('x')], ...over });

describe('validateMessageBlocks', () => {
  it.each([
    ['51 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' })), '[json-pointer:/blocks]'],
    ['section text 3,001', [section('x'.repeat(3_001))], '/blocks/0/text/text'],
    ['header 151', [{ type: 'divider' }, header('h'.repeat(151))], '/blocks/1/text/text'],
    ['button text 76', [{ type: 'actions', elements: [button('b'.repeat(76))] }], '/blocks/0/elements/0/text/text'],
    ['action_id 256', [{ type: 'actions', elements: [button('ok', 'a'.repeat(256))] }], '/blocks/0/elements/0/action_id'],
    ['block_id 256', [section('x', 'b'.repeat(256))], '/blocks/0/block_id'],
    ['duplicate action_id', [{ type: 'actions', elements: [button('one', 'same'), button('two', 'same')] }], '/blocks/0/elements/1/action_id'],
    ['duplicate block_id', [section('x', 'dup'), section('y', 'dup')], '/blocks/1/block_id'],
    ['unknown block type', [{ type: 'carousel' }], '/blocks/0/type'],
    ['mrkdwn header', [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }], '/blocks/0/text/type'],
  ])('rejects %s', (_name, blocks, pointer) => {
    const messages = validateMessageBlocks(blocks);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toContain(pointer);
    expect(messages[0]).toMatch(/^\[ERROR\] .+ \[json-pointer:\/.*\]$/);
  });

  it('accepts everything exactly at the limits', () => {
    const blocks = [
      section('x'.repeat(3_000), 'b'.repeat(255)),
      header('h'.repeat(150)),
      { type: 'actions', elements: [button('b'.repeat(75), 'a'.repeat(255)), button('other', 'b')] },
      ...Array.from({ length: 47 }, () => ({ type: 'divider' })),
    ];
    expect(blocks).toHaveLength(50);
    expect(validateMessageBlocks(blocks)).toEqual([]);
  });
});

describe('validateView', () => {
  it('allows 100 blocks and 24-character titles but not more', () => {
    expect(validateView(modal({ title: { type: 'plain_text', text: 't'.repeat(24) }, blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })) }))).toEqual([]);
    expect(validateView(modal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) })).join()).toContain('/view/blocks');
    expect(validateView(modal({ title: { type: 'plain_text', text: 't'.repeat(25) } })).join()).toContain('/view/title/text');
    expect(validateView(modal({ submit: { type: 'plain_text', text: 's'.repeat(25) } })).join()).toContain('/view/submit/text');
    expect(validateView(modal({ close: { type: 'plain_text', text: 'c'.repeat(25) } })).join()).toContain('/view/close/text');
    expect(validateView(modal({ private_metadata: 'p'.repeat(3_001) })).join()).toContain('/view/private_metadata');
    expect(validateView(modal({ private_metadata: 'p'.repeat(3_000) }))).toEqual([]);
  });

  it('requires submit when the modal has inputs', () => {
    const input = { type: 'input', label: { type: 'plain_text', text: 'Title' }, element: { type: 'plain_text_input', action_id: 't' } };
    expect(validateView(modal({ blocks: [input] })).join()).toContain('/view/submit');
    expect(validateView(modal({ blocks: [input], submit: { type: 'plain_text', text: 'Go' } }))).toEqual([]);
  });
});

describe('limits over the Web API', () => {
  let emu: SlackEmulator;
  let web: webApi.WebClient;
  beforeAll(async () => {
    ({ emu } = await startEmulator());
    web = client(emu);
  });
  afterAll(() => emu.close());

  it('answers invalid_blocks with response_metadata.messages and stores nothing', async () => {
    const ch = emu.channel('general');
    const blocks = [section('ok'), section('ok'), section('ok'), section('x'.repeat(3_001))];
    await expect(web.chat.postMessage({ channel: ch.id, text: 'fallback', blocks })).rejects.toMatchObject({
      data: { ok: false, error: 'invalid_blocks', response_metadata: { messages: [expect.stringContaining('[json-pointer:/blocks/3/text/text]')] } },
    });
    await expect(web.chat.postMessage({ channel: ch.id, text: 'x', blocks: [actions('a', [{ text: 'A', action_id: 'same' }, { text: 'B', action_id: 'same' }])] })).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
    expect(emu.messages(ch.id)).toEqual([]);
  });

  it('answers invalid_blocks_format for blocks that are not a JSON array', async () => {
    const ch = emu.channel('general');
    await expect(web.apiCall('chat.postMessage', { channel: ch.id, blocks: 'not json' })).rejects.toMatchObject({ data: { error: 'invalid_blocks_format' } });
  });

  it('checks chat.update and chat.postEphemeral blocks too', async () => {
    const ch = emu.channel('general');
    const posted = await web.chat.postMessage({ channel: ch.id, text: 'x' });
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    await expect(web.chat.update({ channel: ch.id, ts: posted.ts as string, blocks: tooMany })).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
    await expect(web.chat.postEphemeral({ channel: ch.id, user: 'U0BOT', text: 'x', blocks: tooMany })).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
  });
});
