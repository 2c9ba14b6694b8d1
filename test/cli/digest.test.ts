// `rampart digest …` run in this process on a copy of the run's migrated DATA_DIR.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rampartInProcess } from '../support/cli.js';
import { migratedDataDir } from '../support/data-dir.js';

let dataDir: string;
let removeDataDir: () => Promise<void>;
beforeAll(async () => {
  ({ dataDir, remove: removeDataDir } = await migratedDataDir('rampart-digestcli-'));
});
afterAll(() => removeDataDir());

function rampart(...args: string[]) {
  return rampartInProcess(args, { DATA_DIR: dataDir, TIMEZONE: 'Europe/Paris', INCIDENT_CHANNEL: 'C0INCIDENTS', SLACK_BOT_TOKEN: undefined });
}

describe('rampart digest', () => {
  it('preview prints the digest of the last seven days as text; send-now without a token exits 1 with the reason', async () => {
    const preview = await rampart('digest', 'preview');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/^Weekly incident digest: \w{3} \d{1,2} \w{3} – \w{3} \d{1,2} \w{3} \d{4} \(Europe\/Paris\)$/m);
    expect(preview.stdout).toMatch(/^Open incidents \(0\)\n {2}None\.$/m);
    expect(preview.stdout).toMatch(/^This week \(0\)$/m);
    expect(preview.stdout).toMatch(/^Figures\n {2}Declared 0 · Resolved 0 · Closed 0 · Declined 0$/m);
    const send = await rampart('digest', 'send-now');
    expect(send.code).toBe(1);
    expect(send.stderr).toMatch(/send-now posts to Slack: set SLACK_BOT_TOKEN \(and INCIDENT_CHANNEL\)/);
  });
});
