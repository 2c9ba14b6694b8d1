// Shared test setup for the emulator: a started emulator with a fixed, steerable clock; a WebClient
// pointed at it; and a tiny bot server that records what the emulator sends and answers as told.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { webApi } from '@slack/bolt';
import type { types } from '@slack/bolt';
import { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import { SLACK_CORPORA } from '../../support/corpora.js';

export const SECRET = 'test-signing-secret';
export const TOKEN = 'xoxb-test-token';
export const START_MS = 1_700_000_000_000;

export { CORPORA } from '../../support/corpora.js';
/** Whether the shared Slack corpora are present (tests that need them skip otherwise). */
export const HAS_CORPORA = existsSync(SLACK_CORPORA);

/** A clock tests move by hand. */
export interface TestClock {
  now: () => number;
  advance(ms: number): void;
}

/** A clock starting at START_MS. */
export function testClock(): TestClock {
  let t = START_MS;
  return { now: () => t, advance: (ms) => (t += ms) };
}

/** Start an emulator on a test clock. */
export async function startEmulator(botUrl?: string): Promise<{ emu: SlackEmulator; clock: TestClock }> {
  const clock = testClock();
  const emu = await SlackEmulator.start({ signingSecret: SECRET, botToken: TOKEN, botUrl, now: clock.now });
  return { emu, clock };
}

// The WebClient logs '[ERROR] …' response messages; tests assert on them instead of printing them.
const silentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => webApi.LogLevel.ERROR,
  setName: () => undefined,
};

/** A WebClient for the emulator that never retries (so faults surface at once). */
export function client(emu: SlackEmulator, token = TOKEN, extra: Record<string, unknown> = {}): webApi.WebClient {
  return new webApi.WebClient(token, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger, ...extra });
}

/** One request the fake bot received. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the fake bot answers: status, body and content type. */
export interface BotAnswer {
  status?: number;
  body?: string | Record<string, unknown>;
}

/** A local HTTP server standing in for the bot. */
export interface FakeBot {
  url: string;
  received: Received[];
  /** Set how the next requests are answered (default: 200 with an empty body). */
  answer: (req: Received) => BotAnswer | Promise<BotAnswer>;
  close(): Promise<void>;
}

/** Start a fake bot on loopback. */
export async function startFakeBot(): Promise<FakeBot> {
  const received: Received[] = [];
  const bot: Partial<FakeBot> & { answer: FakeBot['answer'] } = { received, answer: () => ({}) };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(entry);
      void Promise.resolve(bot.answer(entry)).then((a) => {
        const body = a.body === undefined ? '' : typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
        const type = typeof a.body === 'object' ? 'application/json' : 'text/plain';
        res.writeHead(a.status ?? 200, { 'content-type': type });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  bot.url = `http://127.0.0.1:${port}/slack/events`;
  bot.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return bot as FakeBot;
}

/** The JSON payload of a form-encoded interaction request. */
export function payloadOf(r: Received): Record<string, unknown> {
  return JSON.parse(new URLSearchParams(r.body).get('payload') ?? 'null') as Record<string, unknown>;
}

/** A plain-text section block. */
export function section(text: string, blockId?: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text }, ...(blockId ? { block_id: blockId } : {}) };
}

/** An actions block with buttons. */
export function actions(blockId: string, buttons: { text: string; action_id: string; value?: string }[]): types.ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: buttons.map((b) => ({ type: 'button' as const, text: { type: 'plain_text' as const, text: b.text }, action_id: b.action_id, value: b.value })) };
}
