// The `rampart` command in tests. Most tests run it in this process (rampartInProcess: runCli with the environment and
// output streams passed in), which skips a tsx start-up per command; a few run the bin as a user does, as a child
// process (runRampart, runRampartUnread), for what only a real process shows: its exit status, a closed pipe.
import { execFile, spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What a run of the CLI ended with. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment the CLI runs with: this process's without DATABASE_URL (the CLI tests use PGlite under their
 * DATA_DIR) and with LOG_LEVEL=silent, plus `env`, where an undefined value removes the variable.
 */
function cliEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const full: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  delete full.DATABASE_URL;
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete full[key];
    else full[key] = value;
  }
  return full;
}

/** Runs `rampart …` in this process, with the environment runRampart would give the child; same result shape. */
export async function rampartInProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  // Imported here, so files that only spawn the bin do not load the CLI's modules.
  const { runCli } = await import('../../src/cli/program.js');
  const stdout = collector();
  const stderr = collector();
  const code = await runCli(args, { env: cliEnv(env), stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/**
 * Runs `rampart …` in this process with a stdout whose reader has gone (every write fails with EPIPE, as a pipe to
 * `head -0`), the in-process twin of runRampartUnread.
 */
export async function rampartInProcessUnread(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stderr: string }> {
  const { runCli } = await import('../../src/cli/program.js');
  const stdout = new Writable({ write: (_chunk, _encoding, done) => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })) });
  const stderr = collector();
  const code = await runCli(args, { env: cliEnv(env), stdout, stderr: stderr.stream });
  return { code, stderr: stderr.text() };
}

/** A stream that keeps what is written to it. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Runs `node bin/rampart.js …` as a child process with cliEnv(env). */
export async function runRampart(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('node', ['bin/rampart.js', ...args], { env: cliEnv(env) });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * Runs `node bin/rampart.js …` with its stdout closed by the reader before anything is written, as
 * `rampart … | head -0` does: every write to stdout fails with EPIPE.
 */
export function runRampartUnread(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  const child = spawn('node', ['bin/rampart.js', ...args], { env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}
