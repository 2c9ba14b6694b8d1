// The bot as a service manager runs it: `node bin/rampart.js start` in a child process, configured by environment.
// Tests of faults need a real process: "the bot never exits" and "three replicas" are about processes.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import getPort from 'get-port';

/** A loopback port nothing listens on right now. */
export const freePort = (): Promise<number> => getPort({ host: '127.0.0.1' });

/** A running `rampart start`. */
export interface BotProcess {
  /** Base URL; Slack requests go to `${url}/slack/events`. */
  url: string;
  /** Still running (no exit, no signal death). */
  alive(): boolean;
  /** What it wrote to stdout and stderr (the last 64 kB), for failure messages. */
  output(): string;
  /** SIGTERM, then the exit code once it is gone (SIGKILL after 10 s); null when a signal ended it. */
  stop(): Promise<number | null>;
}

/** Spawns `rampart start` with env (PORT and HOST are chosen here); resolves once /healthz answers 200. */
export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', METRICS_PORT: 'off', ...env, PORT: String(port), HOST: '127.0.0.1' };
  // The test runner's own settings must not leak into the bot: it reads only what the test gives it.
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn('node', ['bin/rampart.js', 'start'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-65_536);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let ended = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      ended = true;
      resolve(code);
    }),
  );
  const bot: BotProcess = {
    url: `http://127.0.0.1:${port}`,
    alive: () => !ended,
    output: () => output,
    stop: async () => {
      if (!ended) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      try {
        return await exited;
      } finally {
        clearTimeout(killer);
      }
    },
  };
  try {
    await waitHealthy(bot, 60_000);
  } catch (err) {
    await bot.stop();
    throw err;
  }
  return bot;
}

/** Polls /healthz every 100 ms until it answers 200; fails at once if the process ends. */
async function waitHealthy(bot: BotProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!bot.alive()) throw new Error(`rampart start exited before it was healthy:\n${bot.output()}`);
    const status = await fetch(`${bot.url}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`rampart start was not healthy within ${timeoutMs} ms:\n${bot.output()}`);
}

/** A round-robin load balancer in front of replicas, counting what each one was sent. */
export interface LoadBalancer {
  url: string;
  /** Requests forwarded to each target, in the order the targets were given. */
  counts: number[];
  close(): Promise<void>;
}

/** Starts a load balancer that forwards each POST to the next target in turn, as a deployment's would. */
export async function startLoadBalancer(targets: string[]): Promise<LoadBalancer> {
  const counts = targets.map(() => 0);
  let next = 0;
  const server = http.createServer((req, res) => {
    const i = next++ % targets.length;
    counts[i]! += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && (k.startsWith('x-slack') || k === 'content-type'))) as Record<string, string>;
      fetch(`${targets[i]}${req.url ?? ''}`, { method: req.method ?? 'POST', headers, body: Buffer.concat(chunks) })
        .then(async (answer) => res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(await answer.text()))
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
