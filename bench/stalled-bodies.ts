// Issue 12's memory finding, replayed: 100 unauthenticated connections each send a body (chunked, so no
// Content-Length gives them away) and stall: 3.9 MB as in the finding (each passes the 1 MiB cap and is refused), then
// 0.95 MB (under the cap: the shared 16 MiB budget refuses the rest with 503). Prints what the body budget holds and
// how many were refused, and the process's RSS (bot, emulator and PGlite together, so only its change means much).
// Run: node --expose-gc --import tsx bench/stalled-bodies.ts
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { startRampart } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { createLogger } from '../src/log.js';
import { SlackEmulator } from '../src/sandbox/emulator/emulator.js';

const CONNECTIONS = 100;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until what the budget holds has not changed for 300 ms (the server has read what it will read), well before the 10 s request timeout. */
async function settled(held: () => number): Promise<void> {
  let last = -1;
  while (held() !== last) {
    last = held();
    await sleep(300);
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** One connection sending up to `bodyBytes` in chunks, then stalling; resolves once sent or refused. */
function stall(port: number, bodyBytes: number, refused: { count: number; first?: string }): Promise<net.Socket> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        'POST /slack/events HTTP/1.1\r\nhost: bot\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n' +
          `x-slack-request-timestamp: ${Math.floor(Date.now() / 1000)}\r\nx-slack-signature: v0=${'0'.repeat(64)}\r\n\r\n`,
      );
      let sent = 0;
      const more = () => {
        while (sent < bodyBytes && !socket.destroyed) {
          const size = Math.min(CHUNK.length, bodyBytes - sent);
          sent += size;
          if (!socket.write(`${size.toString(16)}\r\n${CHUNK.subarray(0, size)}\r\n`)) return void socket.once('drain', more);
        }
        resolve(socket);
      };
      more();
    });
    socket.once('data', (d: Buffer) => {
      refused.count++;
      refused.first ??= d.toString().split('\r\n')[0];
      resolve(socket);
    });
    socket.on('error', () => resolve(socket));
  });
}

async function main(): Promise<void> {
  const signingSecret = randomBytes(16).toString('hex');
  const emu = await SlackEmulator.start({ signingSecret, botToken: 'xoxb-bench' });
  const database = await openDatabase({ kind: 'pglite-instance', client: new PGlite() });
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: emu.apiUrl, PORT: '0', HOST: '127.0.0.1' });
  const bot = await startRampart(config, { database, logger: createLogger('silent'), scheduler: false });
  const port = Number(new URL(bot.url).port);
  for (const bodyBytes of [Math.floor(3.9 * 1024 * 1024), Math.floor(0.95 * 1024 * 1024)]) {
    global.gc?.();
    console.log(`\n${CONNECTIONS} senders of ${mb(bodyBytes)} each. RSS at rest: ${mb(process.memoryUsage().rss)}`);
    const refused: { count: number; first?: string } = { count: 0 };
    const sockets = await Promise.all(Array.from({ length: CONNECTIONS }, () => stall(port, bodyBytes, refused)));
    await settled(() => bot.heldBodyBytes() + refused.count);
    global.gc?.();
    console.log(`  stalled: RSS ${mb(process.memoryUsage().rss)}; body budget holds ${mb(bot.heldBodyBytes())}; ${refused.count} refused (${refused.first ?? 'none'})`);
    for (const s of sockets) s.destroy();
    await settled(() => bot.heldBodyBytes());
    global.gc?.();
    console.log(`  closed: RSS ${mb(process.memoryUsage().rss)}; body budget holds ${mb(bot.heldBodyBytes())}`);
  }
  await bot.stop();
  await database.close();
  await emu.close();
}

await main();
