// `rampart verify`, run in this process over a copy of the run's migrated DATA_DIR: exit 0 when the chain holds, 1 with
// the break on stderr when it does not.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rampartInProcess } from '../support/cli.js';
import { migratedDataDir } from '../support/data-dir.js';
import { openDatabase } from '../../src/db/client.js';
import { createCore } from '../../src/core/core.js';
import { libraryOf } from '../../src/core/playbooks/library.js';
import { fixedClock } from '../../src/core/clock.js';

let dataDir: string;
let removeDataDir: () => Promise<void>;
const rampart = (...args: string[]) => rampartInProcess(args, { DATA_DIR: dataDir });

beforeAll(async () => {
  ({ dataDir, remove: removeDataDir } = await migratedDataDir('rampart-verify-'));
  const database = await openDatabase({ kind: 'pglite', dataDir });
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const core = createCore({ playbooks: libraryOf([]), db: database.db, clock, isResponder: async () => true, incidentTypes: ['phishing', 'other'], sensitiveTypes: [], timezone: 'UTC', reviewRequired: [], redactPatterns: [], admins: [] });
  const actor = { id: 'U0LEAD', source: 'slack-command' as const };
  for (const title of ['Intact', 'Tampered']) {
    const { incident } = await core.declare(actor, { title });
    await core.addNote(actor, incident.ref, 'first finding');
    await core.addNote(actor, incident.ref, 'second finding');
  }
  // INC-2's first note rewritten with the append-only trigger off, as a superuser could.
  await database.db.execute(sql`alter table timeline_events disable trigger user`);
  await database.db.execute(sql`update timeline_events set payload = '{"text":"nothing found"}'::jsonb where seq = 2 and incident_id = (select id from incidents where number = 2)`);
  await database.db.execute(sql`alter table timeline_events enable trigger user`);
  await database.close();
}, 60_000);
afterAll(() => removeDataDir());

describe('rampart verify', () => {
  it('exits 0 when the chain is intact', async () => {
    const r = await rampart('verify', 'INC-1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('INC-1: Timeline verified: 3 events, hash chain intact.');
  });

  it('exits 1 and prints the first broken link on stderr', async () => {
    const r = await rampart('verify', 'INC-2');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/INC-2: Timeline verification FAILED at event #2 \(hash\): expected [0-9a-f]{64}, found [0-9a-f]{64}\./);
  });

  it('checks every incident with --all', async () => {
    const r = await rampart('verify', '--all');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('INC-1: Timeline verified');
    expect(r.stderr).toContain('INC-2: Timeline verification FAILED at event #2');
    expect(r.stdout).toContain('1 of 2 incidents FAILED verification.');
  });

  it('wants a reference or --all: a usage error of one line that says which, with exit 2', async () => {
    const none = await rampart('verify');
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('rampart verify: say which incident, e.g. `rampart verify INC-3`, or `--all` for every incident (see `rampart verify --help`)\n');
    const both = await rampart('verify', 'INC-1', '--all');
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('rampart verify: give either an incident (INC-1) or --all, not both (see `rampart verify --help`)\n');
  });
});
