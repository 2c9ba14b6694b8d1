// A recording hop between the emulator and the bot: the emulator keeps issuing its own trigger_ids and response_urls,
// and tests can read exactly what "Slack" sent (e.g. which trigger_id a slash command carried).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestBot } from './slack.js';

/** One request as the bot received it. */
export interface RecordedRequest {
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** Puts a recorder in front of the bot; close() restores the direct route. */
export async function recordBotRequests(bot: TestBot): Promise<{ requests: RecordedRequest[]; close(): Promise<void> }> {
  const target = `${bot.rampart.url}/slack/events`;
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ body, headers: req.headers });
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && (k.startsWith('x-slack') || k === 'content-type'))) as Record<string, string>;
      fetch(target, { method: 'POST', headers, body })
        .then(async (answer) => res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(await answer.text()))
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  bot.emu.setBotUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return {
    requests,
    close: async () => {
      bot.emu.setBotUrl(target);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
