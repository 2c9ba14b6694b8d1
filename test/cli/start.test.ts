// `rampart start` as a service manager runs it: serves /healthz, and on SIGTERM closes PGlite and its lock cleanly. A
// child process (the bot is a process: signals, exit status), on a copy of the run's migrated DATA_DIR.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';
import { freePort } from '../support/bot-process.js';
import { migratedDataDir } from '../support/data-dir.js';

let dataDir: string;
let removeDataDir: () => Promise<void>;
beforeAll(async () => {
  ({ dataDir, remove: removeDataDir } = await migratedDataDir('rampart-start-'));
});
afterAll(() => removeDataDir());

describe('rampart start', () => {
  it('serves /healthz and shuts down cleanly on SIGTERM, releasing the data directory', async () => {
    const emu = await SlackEmulator.start({ signingSecret: 'test-signing-secret', botToken: 'xoxb-start-test' });
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SLACK_BOT_TOKEN: 'xoxb-start-test',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: emu.apiUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      METRICS_PORT: 'off',
      LOG_LEVEL: 'silent',
    };
    delete env.DATABASE_URL;
    const child = spawn('node', ['bin/rampart.js', 'start'], { env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect
        .poll(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.status, { interval: 100, timeout: 20_000 })
        .toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      // The lock is gone at once (a crashed process's lock would only go stale after 30 s).
      const db = await openDatabase({ kind: 'pglite', dataDir });
      await db.close();
    } finally {
      child.kill('SIGKILL');
      await emu.close();
    }
  });
});
