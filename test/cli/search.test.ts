// `rampart search` run in this process over a copy of the run's migrated DATA_DIR, seeded through core: hits newest
// first (private incidents too: the CLI is the operator), as JSON, and bad arguments as one line and a non-zero exit.
import { describe, expect, it } from 'vitest';
import { seededCliDataDir } from '../support/cli-data.js';

const { rampart } = seededCliDataDir('search', { incidentTypes: ['phishing', 'other'] }, async (core, clock) => {
  const actor = { id: 'U0LEAD', source: 'slack-command' as const };
  await core.declare(actor, { title: 'Phishing mail to finance', type: 'phishing', private: false });
  clock.advance(60_000);
  await core.declare(actor, { title: 'Odd sign-in', private: true });
  await core.addNote(actor, 'INC-2', 'Finance director signed in from Lagos');
});

describe('rampart search', () => {
  it('lists hits newest first, private ones included, and JSON', async () => {
    const r = await rampart('search', 'finance');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'INC-2    note #2      2026-11-02T10:01:00.000Z  Finance director signed in from Lagos',
      'INC-1    incident     2026-11-02T10:00:00.000Z  Phishing mail to finance',
    ]);
    expect((await rampart('search', 'nothing', 'here')).stdout.trim()).toBe('Nothing found for "nothing here".');
    const json = JSON.parse((await rampart('search', 'lagos', '--json')).stdout) as unknown[];
    expect(json).toEqual([{ ref: 'INC-2', kind: 'note', at: '2026-11-02T10:01:00.000Z', title: 'Odd sign-in', excerpt: 'Finance director signed in from Lagos', seq: 2 }]);
  });

  it('says what is wrong in one line and exits non-zero', async () => {
    const r = await rampart('search', 'x'.repeat(201));
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('the limit is 200');
    expect((await rampart('search')).code).not.toBe(0);
  });
});
