// How the `rampart` command fails: one line on stderr and a non-zero exit for every error (a database it cannot use,
// bad settings, anything unexpected), and a quiet, successful end when the reader of its output goes away. Run in this
// process, except the closed pipe, which only a real process's stdout shows.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rampartInProcess, rampartInProcessUnread, runRampartUnread } from '../support/cli.js';
import { migratedDataDir } from '../support/data-dir.js';
import { freePort } from '../support/bot-process.js';
import { TEST_DATABASE_URL } from '../support/db.js';
import { openDatabase } from '../../src/db/client.js';
import { createCore } from '../../src/core/core.js';
import { libraryOf } from '../../src/core/playbooks/library.js';
import { fixedClock } from '../../src/core/clock.js';
import { explainCliError } from '../../src/cli/errors.js';

let dataDir: string;
let removeDataDir: () => Promise<void>;

beforeAll(async () => {
  ({ dataDir, remove: removeDataDir } = await migratedDataDir('rampart-cli-errors-'));
  const database = await openDatabase({ kind: 'pglite', dataDir });
  const core = createCore({ playbooks: libraryOf([]), db: database.db, clock: fixedClock('2026-11-24T10:00:00Z'), isResponder: async () => true, incidentTypes: ['other'], sensitiveTypes: [], timezone: 'UTC', reviewRequired: [], redactPatterns: [], admins: [] });
  const actor = { id: 'U0LEAD', source: 'slack-command' as const };
  await core.declare(actor, { title: 'Something odd' });
  for (let i = 0; i < 20; i++) await core.addNote(actor, 'INC-1', `finding ${i}`);
  await database.close();
}, 60_000);
afterAll(() => removeDataDir());

describe('output to a closed pipe (`rampart … | head`)', () => {
  it('ends quietly with exit 0, and the database is closed properly (the next command can open it)', async () => {
    // A real process once (its stdout is a real pipe); each command's way of writing (lines, a streamed report, a
    // table) in this process with a stdout that fails the same way.
    expect(await runRampartUnread(['timeline', 'INC-1'], { DATA_DIR: dataDir })).toEqual({ code: 0, signal: null, stderr: '' });
    for (const args of [['timeline', 'INC-1'], ['report', 'INC-1'], ['playbooks', 'list']]) {
      const r = await rampartInProcessUnread(args, { DATA_DIR: dataDir });
      expect({ args, ...r }).toEqual({ args, code: 0, stderr: '' });
    }
    const after = await rampartInProcess(['incidents'], { DATA_DIR: dataDir });
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/INC-1 .*Something odd/);
  }, 240_000);
});

describe('a database the CLI cannot use', () => {
  it('a refused connection is one line naming DATABASE_URL without its password', async () => {
    const port = await freePort();
    const r = await rampartInProcess(['incidents'], { DATABASE_URL: `postgres://rampart:hunter2@127.0.0.1:${port}/rampart` });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`rampart: cannot connect to the database: connection refused at 127.0.0.1:${port} (DATABASE_URL=postgres://rampart:***@127.0.0.1:${port}/rampart)\n`);
  });

  it.skipIf(!TEST_DATABASE_URL)('a database that does not exist is named, in one line', async () => {
    const url = new URL(TEST_DATABASE_URL!);
    url.pathname = '/rampart_no_such_database';
    url.password = 'hunter2';
    const r = await rampartInProcess(['timeline', 'INC-1'], { DATABASE_URL: url.toString() });
    expect(r.code).toBe(1);
    url.password = '***';
    expect(r.stderr).toBe(`rampart: database "rampart_no_such_database" does not exist (DATABASE_URL=${url.toString().replace(/%2A/g, '*')})\n`);
  });
});

describe('other errors', () => {
  it('invalid settings are one line listing every problem, exit 2', async () => {
    const r = await rampartInProcess(['incidents'], { DATA_DIR: dataDir, TIMEZONE: 'Nowhere/Special', LOG_LEVEL: 'loud' });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toEqual([expect.stringMatching(/^rampart: invalid configuration: .*LOG_LEVEL.*; .*TIMEZONE|^rampart: invalid configuration: .*TIMEZONE.*; .*LOG_LEVEL/), '']);
  });

  it('a file that cannot be written is named as asked for (not the partial file beside it), in one line', async () => {
    const target = path.join(dataDir, 'no-such-folder', 'report.md');
    const r = await rampartInProcess(['report', 'INC-1', '--out', target], { DATA_DIR: dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`rampart: Cannot write ${target}: its folder does not exist.\n`);
  });

  it('an unexpected error is one line with how to see the stack, and exit 1', () => {
    const { line, code } = explainCliError(new TypeError('Cannot read properties of undefined\n    at somewhere (x.ts:1:1)'));
    expect(code).toBe(1);
    expect(line).toBe('rampart: unexpected error: TypeError: Cannot read properties of undefined at somewhere (x.ts:1:1) (run with LOG_LEVEL=debug to see the stack trace)');
  });

  it('a server error wrapped by drizzle shows the server message, never the query and its parameters', () => {
    const server = Object.assign(new Error('permission denied for table incidents'), { code: '42501', severity: 'ERROR' });
    const wrapped = new Error('Failed query: insert into incidents values ($1)\nparams: secret-value', { cause: server });
    const { line, code } = explainCliError(wrapped);
    expect(code).toBe(1);
    expect(line).toMatch(/^rampart: permission denied for table incidents \((DATABASE_URL|DATA_DIR)=/);
    expect(line).not.toContain('secret-value');
  });
});
