// What real Slack refuses, refused here through the Web API as a WebClient calls it: each case is a payload
// Slack's Block Kit reference forbids, answered with invalid_blocks, Slack's `errors` array and
// response_metadata.messages, beside the same payload at the limit, which Slack accepts. Modals go through the
// same rules (views.open answers invalid_arguments with the reasons under /view/blocks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { webApi } from '@slack/bolt';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import type { FakeBot } from './helpers.js';
import { client, startEmulator, startFakeBot } from './helpers.js';

type Obj = Record<string, unknown>;

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const option = (i: number) => ({ text: plain(`Option ${i}`), value: `v${i}` });
const options = (n: number) => Array.from({ length: n }, (_, i) => option(i));
const input = (element: Obj, extra: Obj = {}) => ({ type: 'input', label: plain('Label'), element, ...extra });
const textInput = (extra: Obj = {}) => input({ type: 'plain_text_input', action_id: 'in', ...extra });
const hint = (n: number) => ({ ...textInput(), hint: plain('h'.repeat(n)) });
const overflow = (n: number) => ({ type: 'section', text: mrkdwn('More'), accessory: { type: 'overflow', action_id: 'o', options: options(n) } });
const select = (initial: Obj) => ({ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: options(3), initial_option: initial }] });
const image = (over: Obj) => ({ type: 'image', ...over });
const button = { type: 'button', text: plain('Go'), action_id: 'b' };

interface Case {
  name: string;
  refused: unknown[];
  accepted: unknown[];
  /** Slack's error text for the refused blocks, without the '[ERROR] ' prefix of response_metadata.messages. */
  error: string;
}

const cases: Case[] = [
  {
    name: 'context text over 3,000 characters',
    refused: [{ type: 'context', elements: [mrkdwn('c'.repeat(3_001))] }],
    accepted: [{ type: 'context', elements: [mrkdwn('c'.repeat(3_000))] }],
    error: 'must be less than 3001 characters [json-pointer:/blocks/0/elements/0/text]',
  },
  {
    name: 'an overflow menu with 6 options',
    refused: [overflow(6)],
    accepted: [overflow(5)],
    error: 'no more than 5 items allowed [json-pointer:/blocks/0/accessory/options]',
  },
  {
    name: 'an initial_option not among the options',
    refused: [select(option(7))],
    accepted: [select(option(2))],
    error: 'must exactly match one of the options [json-pointer:/blocks/0/elements/0/initial_option]',
  },
  {
    name: 'emoji on a mrkdwn text object',
    refused: [{ type: 'section', text: { ...mrkdwn('*hi* :wave:'), emoji: true } }],
    accepted: [{ type: 'section', text: { ...plain('hi :wave:'), emoji: true } }],
    error: 'invalid additional property: emoji [json-pointer:/blocks/0/text]',
  },
  {
    name: 'an image block without image_url or slack_file',
    refused: [image({ alt_text: 'chart' })],
    accepted: [image({ alt_text: 'chart', image_url: `https://example.com/${'x'.repeat(2_980)}` })],
    error: 'must provide exactly one of image_url or slack_file [json-pointer:/blocks/0]',
  },
  {
    name: 'an image block without alt_text',
    refused: [image({ slack_file: { id: 'F123' } })],
    // A file id must name a processed upload (methods/files.ts), so the accepted case shows an image by URL.
    accepted: [image({ image_url: 'https://example.com/chart.png', alt_text: 'a'.repeat(2_000) })],
    error: 'missing required field: alt_text [json-pointer:/blocks/0]',
  },
  {
    name: 'a plain_text_input as a section accessory',
    refused: [{ type: 'section', text: mrkdwn('x'), accessory: { type: 'plain_text_input', action_id: 'in' } }],
    accepted: [textInput()],
    error: 'must be a valid enum value [json-pointer:/blocks/0/accessory/type]',
  },
  {
    name: 'a datepicker initial_date not in YYYY-MM-DD',
    refused: [input({ type: 'datepicker', action_id: 'd', initial_date: '03/12/2026' })],
    accepted: [input({ type: 'datepicker', action_id: 'd', initial_date: '2026-12-03' })],
    error: 'input must match regex pattern: ^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$ [json-pointer:/blocks/0/element/initial_date]',
  },
  {
    name: '11 checkboxes',
    refused: [input({ type: 'checkboxes', action_id: 'c', options: options(11) })],
    accepted: [input({ type: 'checkboxes', action_id: 'c', options: options(10) })],
    error: 'no more than 10 items allowed [json-pointer:/blocks/0/element/options]',
  },
  {
    name: '11 radio buttons',
    refused: [input({ type: 'radio_buttons', action_id: 'r', options: options(11) })],
    accepted: [input({ type: 'radio_buttons', action_id: 'r', options: options(10) })],
    error: 'no more than 10 items allowed [json-pointer:/blocks/0/element/options]',
  },
  {
    name: 'max_length 5000 on a plain_text_input',
    refused: [textInput({ max_length: 5_000 })],
    accepted: [textInput({ max_length: 3_000 })],
    error: 'must be less than 3000 [json-pointer:/blocks/0/element/max_length]',
  },
  {
    name: 'min_length 4000 on a plain_text_input',
    refused: [textInput({ min_length: 4_000 })],
    accepted: [textInput({ min_length: 3_000 })],
    error: 'must be less than 3000 [json-pointer:/blocks/0/element/min_length]',
  },
  {
    name: 'a 2,001-character hint',
    refused: [hint(2_001)],
    accepted: [hint(2_000)],
    error: 'must be less than 2001 characters [json-pointer:/blocks/0/hint/text]',
  },
  {
    name: "a button as an input block's element",
    refused: [input(button)],
    accepted: [{ type: 'actions', elements: [button] }],
    error: 'must be a valid enum value [json-pointer:/blocks/0/element/type]',
  },
];

describe('Block Kit rules over the Web API', () => {
  let emu: SlackEmulator;
  let web: webApi.WebClient;
  beforeAll(async () => {
    ({ emu } = await startEmulator());
    web = client(emu);
  });
  afterAll(() => emu.close());

  it.each(cases)('refuses $name and accepts it at the limit', async ({ refused, accepted, error }) => {
    const ch = emu.channel('general');
    const before = emu.messages(ch.id).length;
    const failure = await web.chat.postMessage({ channel: ch.id, text: 'fallback', blocks: refused as never }).then(
      () => undefined,
      (e: { data?: unknown }) => e.data,
    );
    expect(failure).toEqual({ ok: false, error: 'invalid_blocks', errors: [error], response_metadata: { messages: [`[ERROR] ${error}`] } });
    expect(emu.messages(ch.id)).toHaveLength(before);

    const ok = await web.chat.postMessage({ channel: ch.id, text: 'fallback', blocks: accepted as never });
    expect(ok.ok).toBe(true);
    expect(emu.messages(ch.id)).toHaveLength(before + 1);
  });

  it('refuses a channel name of only punctuation and accepts one with a letter', async () => {
    await expect(web.conversations.create({ name: '-_-' })).rejects.toMatchObject({ data: { ok: false, error: 'invalid_name_punctuation' } });
    expect((await web.conversations.create({ name: '-_-a' })).ok).toBe(true);
  });

  it('keeps the first 40,000 characters of a longer text and warns message_truncated', async () => {
    const ch = emu.channel('general');
    const atLimit = await web.chat.postMessage({ channel: ch.id, text: 't'.repeat(40_000) });
    expect(atLimit.warning).toBeUndefined();
    const over = await web.chat.postMessage({ channel: ch.id, text: `${'t'.repeat(40_000)}TAIL` });
    expect(over).toMatchObject({ ok: true, warning: 'message_truncated', response_metadata: { warnings: ['message_truncated'] } });
    expect(emu.messages(ch.id).at(-1)?.text).toBe('t'.repeat(40_000));
    const updated = await web.chat.update({ channel: ch.id, ts: atLimit.ts as string, text: 'u'.repeat(40_001) });
    expect(updated).toMatchObject({ warning: 'message_truncated', text: 'u'.repeat(40_000) });
  });
});

describe('Block Kit rules in modals', () => {
  let emu: SlackEmulator;
  let bot: FakeBot;
  let web: webApi.WebClient;
  beforeAll(async () => {
    bot = await startFakeBot();
    ({ emu } = await startEmulator(bot.url));
    web = client(emu);
    emu.channel('general');
  });
  afterAll(async () => {
    await emu.close();
    await bot.close();
  });

  async function trigger(): Promise<string> {
    await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' });
    return new URLSearchParams(bot.received.at(-1)?.body).get('trigger_id') ?? '';
  }
  const modal = (blocks: unknown[]) => ({ type: 'modal', title: plain('Form'), submit: plain('Save'), blocks }) as never;

  it.each(cases)('views.open refuses $name and accepts it at the limit', async ({ refused, accepted, error }) => {
    const failure = await web.views.open({ trigger_id: await trigger(), view: modal(refused) }).then(
      () => undefined,
      (e: { data?: unknown }) => e.data,
    );
    expect(failure).toMatchObject({ ok: false, error: 'invalid_arguments', response_metadata: { messages: [`[ERROR] ${error.replace('json-pointer:/blocks/', 'json-pointer:/view/blocks/')}`] } });
    expect((await web.views.open({ trigger_id: await trigger(), view: modal(accepted) })).ok).toBe(true);
  });
});
