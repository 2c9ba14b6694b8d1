// The `rampart` command over real files under a temporary DATA_DIR (a copy of the run's migrated one), run in this
// process. Child processes only for what a real process shows: the bin starts and prints --version, a usage error's exit
// status, and `start` refusing bad settings.
import { readFileSync } from 'node:fs';
import { rampartInProcess, runRampart } from '../support/cli.js';
import { migratedDataDir } from '../support/data-dir.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { createCore } from '../../src/core/core.js';
import { libraryOf } from '../../src/core/playbooks/library.js';
import { fixedClock } from '../../src/core/clock.js';

let dataDir: string;
let removeDataDir: () => Promise<void>;

function rampart(...args: string[]) {
  return rampartInProcess(args, { DATA_DIR: dataDir });
}

/** The bin in a child process. */
function rampartBin(...args: string[]) {
  return runRampart(args, { DATA_DIR: dataDir });
}

beforeAll(async () => {
  ({ dataDir, remove: removeDataDir } = await migratedDataDir('rampart-cli-'));
  const database = await openDatabase({ kind: 'pglite', dataDir });
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const core = createCore({ playbooks: libraryOf([]), db: database.db, clock, isResponder: async () => true, incidentTypes: ['phishing', 'other'], sensitiveTypes: [], timezone: 'UTC', reviewRequired: ['sev1', 'sev2'], redactPatterns: [], admins: [] });
  const actor = { id: 'U0LEAD', source: 'slack-command' as const };
  await core.declare(actor, { title: 'Phishing wave', type: 'phishing', severity: 'sev2' });
  clock.advance(5 * 60_000);
  await core.addNote(actor, 'INC-1', 'at 09:00 first mail arrived');
  await core.changeStatus(actor, 'INC-1', 'investigating');
  await core.declare(actor, { title: 'Public thing', private: false });
  // The name Slack gave U0LEAD, as the bot would have cached it.
  await core.people.notice({ lookup: async () => ({ name: 'Lena Lead', realName: 'Lena Lead' }) }, ['U0LEAD']);
  await database.close();
}, 60_000);
afterAll(() => removeDataDir());

describe('rampart CLI', () => {
  it('incidents --json prints the documented array', async () => {
    const r = await rampart('incidents', '--json');
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout);
    expect(items.map((i: { ref: string }) => i.ref)).toEqual(['INC-1', 'INC-2']);
    expect(items[0]).toMatchObject({ ref: 'INC-1', title: 'Phishing wave', status: 'investigating', severity: 'sev2', type: 'phishing', private: true, drill: false, declared_at: '2026-11-24T10:00:00.000Z', acknowledged_at: '2026-11-24T10:05:00.000Z', contained_at: null });
  });

  it('timeline --json prints the incident and its events in occurred order, with both times', async () => {
    const r = await rampart('timeline', 'inc-1', '--json');
    expect(r.code).toBe(0);
    const { incident, events } = JSON.parse(r.stdout);
    expect(incident.ref).toBe('INC-1');
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(['note_added', 'incident_declared', 'status_changed']);
    expect(events[0]).toMatchObject({ seq: 2, actor: 'U0LEAD', source: 'slack-command', occurred_at: '2026-11-24T09:00:00.000Z', recorded_at: '2026-11-24T10:05:00.000Z', payload: { text: 'first mail arrived' } });
  });

  it('prints a readable timeline and table without --json', async () => {
    const timeline = (await rampart('timeline', 'INC-1')).stdout;
    expect(timeline).toMatch(/#2 +2026-11-24 09:00:00 \+00:00 +Lena Lead \(U0LEAD\) +Note: first mail arrived \(back-dated, recorded 2026-11-24 10:05:00 \+00:00\)/);
    expect(timeline).toMatch(/#3 +2026-11-24 10:05:00 \+00:00 +Lena Lead \(U0LEAD\) +Status triage → investigating\n/);
    // Payloads read as words, never as raw JSON.
    expect(timeline).not.toMatch(/[{}]/);
    expect((await rampart('incidents')).stdout).toMatch(/INC-2 +sev3 +triage +public +Public thing/);
  });

  it('exits non-zero with one line naming the mistake and where usage is', async () => {
    const unknown = await rampartBin('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("rampart: unknown command 'frobnicate' (see `rampart --help`)\n");
    const missing = await rampart('timeline');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("rampart timeline: missing required argument 'ref' (see `rampart timeline --help`)\n");
    const option = await rampart('playbooks', 'list', '--frob');
    expect(option.code).toBe(2);
    expect(option.stderr).toBe("rampart playbooks list: unknown option '--frob' (see `rampart playbooks list --help`)\n");
    // The same usage errors in process: the exit code is runCli's, the line the one commander wrote.
    expect(await rampart('frobnicate')).toEqual(unknown);
  }, 90_000);

  it('an unknown incident points to the CLI command that lists them, not to a Slack command', async () => {
    const noSuch = await rampart('timeline', 'INC-77');
    expect(noSuch.code).toBe(1);
    expect(noSuch.stderr).toBe('rampart: There is no incident INC-77. `rampart incidents` lists them all.\n');
    for (const args of [['report', 'INC-77'], ['verify', 'INC-77']]) {
      const r = await rampart(...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('rampart: There is no incident INC-77. `rampart incidents` lists them all.\n');
    }
  }, 90_000);

  it('--version and -V print the package version', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    // The bin once (it starts, and prints to the real stdout); both flags in process.
    expect(await rampartBin('--version')).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    for (const flag of ['--version', '-V']) {
      const r = await rampart(flag);
      expect(r).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  }, 60_000);

  it('a second process on the same DATA_DIR fails fast with a clear message', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const r = await rampart('incidents');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/in use by another Rampart process/);
    } finally {
      await database.close();
    }
  });

  it('migrate reports the applied migrations; start without credentials names them and points to the sandbox', async () => {
    const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: unknown[] };
    expect((await rampart('migrate')).stdout).toMatch(new RegExp(`${journal.entries.length} migrations applied, pglite`));
    const start = await rampartBin('start');
    expect(start.code).toBe(2);
    expect(start.stderr).toMatch(/SLACK_BOT_TOKEN.*npm run sandbox/s);
  });
});
