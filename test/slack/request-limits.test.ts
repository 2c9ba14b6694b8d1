// What unauthenticated requests can make the bot hold: each body is capped, bodies being read share one budget (the
// next is refused with 503 once it is spent, and closing connections give it back), and a body that stalls is cut
// off by the server's request timeout. Small limits make each case cheap and exact; no test waits on a timer.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../src/sandbox/emulator/signing.js';
import { BODY_LIMIT_BYTES } from '../../src/slack/request-body.js';
import { CLI } from '../support/slack-state.js';
import { startTestBot, type TestBot } from '../support/slack.js';

let bot: TestBot | undefined;
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await bot?.close();
  bot = undefined;
});

/** A connection that sends a POST declaring `declared` bytes of body and then only `sent` of them; collects the answer. */
async function partialPost(url: string, declared: number, sent: number): Promise<{ socket: net.Socket; answer: Promise<string> }> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const now = Math.floor(Date.now() / 1000);
  socket.write(
    `POST /slack/events HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: ${declared}\r\n` +
      `x-slack-request-timestamp: ${now}\r\nx-slack-signature: v0=${'0'.repeat(64)}\r\n\r\n`,
  );
  socket.write('x'.repeat(sent));
  const answer = new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString()));
    socket.on('close', () => resolve(text));
    socket.on('error', () => undefined);
  });
  return { socket, answer };
}

describe('bodies of unauthenticated requests', () => {
  it('are capped per request: a body past the limit is refused with 413 before it is read', async () => {
    bot = await startTestBot();
    const big = JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(BODY_LIMIT_BYTES) });
    const reply = await bot.emu.sendRaw({ body: big, contentType: 'application/json' });
    expect(reply.status).toBe(413);
    expect(bot.rampart.heldBodyBytes()).toBe(0);
  });

  it('share one budget: once stalled bodies hold it, the next is refused with 503, and closing them gives it back', async () => {
    bot = await startTestBot({ http: { bodyBytes: 1_000, bodiesInFlightBytes: 2_000 } });
    const stalled = [];
    for (let i = 1; i <= 2; i++) {
      stalled.push(await partialPost(bot.rampart.url, 1_000, 800));
      await expect.poll(() => bot!.rampart.heldBodyBytes()).toBe(800 * i);
    }
    // Two fit in the budget (1,600 bytes); the third would pass it and is refused at once.
    expect(await (await partialPost(bot.rampart.url, 1_000, 800)).answer).toMatch(/^HTTP\/1\.1 503/);
    expect(bot.rampart.heldBodyBytes()).toBe(1_600);
    // A body over the per-request cap is refused on its declared length alone.
    expect(await (await partialPost(bot.rampart.url, 1_001, 10)).answer).toMatch(/^HTTP\/1\.1 413/);

    for (const { socket } of stalled) socket.destroy();
    await expect.poll(() => bot!.rampart.heldBodyBytes()).toBe(0);
    // With the budget back, a real request goes through.
    const reply = await bot.incident('declare After the flood --sev3');
    expect(reply.text).toMatch(/INC-1\* is recorded/);
    expect(await bot.rampart.core.list(CLI, 'all')).toHaveLength(1);
  });

  it('may not stall: the server ends a body that never completes with 408 and the budget is given back', async () => {
    bot = await startTestBot({ http: { requestTimeoutMs: 200, timeoutCheckIntervalMs: 20 } });
    const { answer } = await partialPost(bot.rampart.url, 1_000, 500);
    expect(await answer).toMatch(/^HTTP\/1\.1 408/);
    await expect.poll(() => bot!.rampart.heldBodyBytes()).toBe(0);
  });

  it('are not held past the edge: a signed request that is a replay gives its bytes back too', async () => {
    bot = await startTestBot();
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c' });
    const ts = Math.floor(Date.now() / 1000);
    const signed = { body, contentType: 'application/json' as const, timestampSeconds: ts, signature: signSlackRequest(bot.signingSecret, ts, body) };
    expect((await bot.emu.sendRaw(signed)).status).toBe(200);
    expect((await bot.emu.sendRaw(signed)).status).toBe(401);
    expect(bot.rampart.heldBodyBytes()).toBe(0);
  });
});
