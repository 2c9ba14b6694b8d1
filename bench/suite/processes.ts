// A server under test as its own process: spawned with only the environment it is given, timed from the spawn to
// its first healthy /healthz, its resident memory read from /proc, and stopped by its id.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import getPort from 'get-port';

/** A running server process. */
export interface ServerProcess {
  /** Base URL: Slack requests go to `${url}/slack/events`. */
  url: string;
  pid: number;
  /** Milliseconds from the spawn to the first 200 from /healthz. */
  startMs: number;
  /** VmRSS of the process itself, in MB. */
  rssMb(): number;
  /** VmRSS of its child processes (e.g. a TypeScript loader's esbuild service), in MB. */
  childrenRssMb(): number;
  /** The last 64 kB it wrote to stdout and stderr. */
  output(): string;
  /** SIGTERM, then SIGKILL if it is still there after graceMs. */
  stop(graceMs?: number): Promise<void>;
}

/** Every child process the suite started and that is still running, so an interrupted run can end them. */
const live = new Set<ChildProcess>();

/** Spawns `node <args>` and keeps track of it until it exits. */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv, stdio: StdioOptions): ChildProcess {
  const child = spawn(process.execPath, args, { env, stdio });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Sends SIGTERM to every child still running (an interrupted run: each one ends on its own terms). */
export function endAllChildren(): void {
  for (const child of live) child.kill('SIGTERM');
}

/** How often /healthz is asked while starting: fine enough for a 0.8 s target, cheap enough not to slow the start. */
const POLL_MS = 20;

/** Spawns `node <args>` with env (plus PATH, HOME, PORT and HOST) and waits until /healthz answers 200. */
export async function startServer(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  const port = await getPort({ host: '127.0.0.1' });
  // Nothing of the harness's own environment leaks in (a DATABASE_URL would change what Rampart opens).
  const childEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' };
  const started = performance.now();
  const child = spawnNode(args, childEnv, ['ignore', 'pipe', 'pipe']);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-65_536);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let ended = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => ((ended = true), resolve())));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (graceMs = 15_000) => {
    if (!ended) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(killer);
  };
  const deadline = started + timeoutMs;
  for (;;) {
    if (ended) throw new Error(`${args.join(' ')} exited before it was healthy:\n${output}`);
    if (performance.now() > deadline) {
      await stop(1_000);
      throw new Error(`${args.join(' ')} was not healthy within ${timeoutMs} ms:\n${output}`);
    }
    const status = await fetch(`${url}/healthz`).then((r) => r.status, () => 0);
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const startMs = performance.now() - started;
  const pid = child.pid!;
  return { url, pid, startMs, rssMb: () => rssMb(pid), childrenRssMb: () => descendants(pid).reduce((sum, p) => sum + rssMb(p), 0), output: () => output, stop };
}

/** VmRSS of a process in MB (0 once it is gone). */
export function rssMb(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Every process below pid, from /proc/<pid>/task/<tid>/children. */
function descendants(pid: number): number[] {
  let direct: number[] = [];
  try {
    direct = readdirSync(`/proc/${pid}/task`).flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
  } catch {
    return [];
  }
  return direct.flatMap((child) => [child, ...descendants(child)]);
}
