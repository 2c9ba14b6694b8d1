// `rampart awareness …` run in this process on a copy of the run's migrated DATA_DIR.
import { rampartInProcess } from '../support/cli.js';
import { migratedDataDir } from '../support/data-dir.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dataDir: string;
let removeDataDir: () => Promise<void>;
beforeAll(async () => {
  ({ dataDir, remove: removeDataDir } = await migratedDataDir('rampart-awcli-'));
});
afterAll(() => removeDataDir());

function rampart(...args: string[]) {
  return rampartInProcess(args, { DATA_DIR: dataDir, AWARENESS_TZ: 'Europe/Paris', AWARENESS_CHANNELS: 'C0STAFF', SLACK_BOT_TOKEN: undefined });
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
