// `rampart awareness …` as a user runs it: a child process on a real DATA_DIR.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runRampart } from '../support/cli.js';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(path.join(tmpdir(), 'rampart-awcli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function rampart(...args: string[]) {
  return runRampart(args, { DATA_DIR: dataDir, AWARENESS_TZ: 'Europe/Paris', AWARENESS_CHANNELS: 'C0STAFF', SLACK_BOT_TOKEN: undefined });
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
