// The `rampart` bin as a user runs it: a child process with the given environment, its exit code and output.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs `node bin/rampart.js …`. The environment is this process's without DATABASE_URL (the CLI tests use PGlite
 * under their DATA_DIR), plus `env`, where an undefined value removes the variable.
 */
export async function runRampart(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const full: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  delete full.DATABASE_URL;
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete full[key];
    else full[key] = value;
  }
  try {
    const { stdout, stderr } = await run('node', ['bin/rampart.js', ...args], { env: full });
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
  const full: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...env };
  delete full.DATABASE_URL;
  const child = spawn('node', ['bin/rampart.js', ...args], { env: full, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}
