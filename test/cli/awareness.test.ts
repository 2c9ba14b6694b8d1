// `rampart awareness …` as a user runs it: a child process on a real DATA_DIR.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'rampart-awcli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function rampart(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', AWARENESS_TZ: 'Europe/Paris', AWARENESS_CHANNELS: 'C0STAFF' };
  delete env.DATABASE_URL;
  delete env.SLACK_BOT_TOKEN;
  try {
    const { stdout, stderr } = await run('node', ['bin/rampart.js', ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('rampart awareness', () => {
  it('status and preview read the programme; send-now without a token and bad --weeks exit 1 with the reason', async () => {
    const status = await rampart('awareness', 'status');
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^Schedule: 0 9 \* \* 1 \(Europe\/Paris\), grace 24 h, running$/m);
    expect(status.stdout).toMatch(/^Channels: C0STAFF$/m);
    expect(status.stdout).toMatch(/^Next slot: \d{4}-\d\d-\d\dT0[78]:00:00\.000Z$/m);
    const preview = await rampart('awareness', 'preview');
    expect(preview.stdout).toMatch(/^[a-z0-9-]+ \(rotation\)\n.+\n.+\nDo: .+\nDon't: .+$/m);
    const stats = await rampart('awareness', 'stats');
    expect(stats.stdout).toMatch(/No awareness posts in the last 12 weeks/);
    const send = await rampart('awareness', 'send-now');
    expect(send.code).toBe(1);
    expect(send.stderr).toMatch(/send-now posts to Slack: set SLACK_BOT_TOKEN/);
    const weeks = await rampart('awareness', 'stats', '--weeks', 'x');
    expect(weeks.code).toBe(1);
    expect(weeks.stderr).toMatch(/--weeks takes a whole number/);
  });
});
