// The CLI's database commands load no Slack code: `rampart incidents` in a child process whose every module load is
// recorded (test/support/module-trace.mjs). `rampart start` is the control: it does load Bolt, so the trace sees it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildState } from '../../bin/build-state.js';
import { copyMigratedDataDir } from '../support/data-dir.js';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'rampart-noslack-'));
// A migrated DATA_DIR, so the child opens its database without initdb.
beforeAll(() => copyMigratedDataDir(path.join(dir, 'data')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `node bin/rampart.js …` with the module trace; returns its exit code and the loaded modules' URLs. */
async function traced(name: string, args: string[]): Promise<{ code: number; modules: string[] }> {
  const trace = path.join(dir, `${name}.trace`);
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', DATA_DIR: path.join(dir, 'data'), RAMPART_MODULE_TRACE: trace };
  for (const key of ['DATABASE_URL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN']) delete env[key];
  let code = 0;
  try {
    await run('node', ['--import', './test/support/module-trace.mjs', 'bin/rampart.js', ...args], { env });
  } catch (err) {
    code = (err as { code: number }).code;
  }
  return { code, modules: readFileSync(trace, 'utf8').split('\n').filter(Boolean) };
}

const slackModules = (modules: string[]) => modules.filter((u) => /\/node_modules\/@slack\/|\/(src|dist)\/slack\//.test(u));
// The bin runs the compiled dist/ when the build is current (as after `npm ci`), else src/ through tsx.
const ran = buildState() === 'current' ? { dir: 'dist', ext: 'js' } : { dir: 'src', ext: 'ts' };

// Each spawns Node (and tsx when src/ runs) and opens PGlite, which takes tens of seconds on a busy machine.
const SPAWN_TIMEOUT_MS = 120_000;

describe('the CLI without Slack', () => {
  it('`rampart incidents` loads neither @slack/* nor src/slack', async () => {
    const incidents = await traced('incidents', ['incidents']);
    expect(incidents.code).toBe(0);
    // The trace saw the command's own modules, so an empty Slack list means something.
    expect(incidents.modules.some((u) => u.endsWith(`/${ran.dir}/cli/commands.${ran.ext}`))).toBe(true);
    expect(incidents.modules.some((u) => u.endsWith(`/${ran.dir}/compose.${ran.ext}`))).toBe(true);
    expect(slackModules(incidents.modules)).toEqual([]);
  }, SPAWN_TIMEOUT_MS);

  it('the control: `rampart start` loads Bolt, and the trace sees it', async () => {
    // Without Slack credentials start exits 2 after loading the bot, which is all the control needs.
    const start = await traced('start', ['start']);
    expect(start.code).toBe(2);
    expect(start.modules.some((u) => u.includes('/node_modules/@slack/bolt/'))).toBe(true);
  }, SPAWN_TIMEOUT_MS);
});
