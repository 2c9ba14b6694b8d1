// `rampart tlp` and `--tlp` on report and export, run in this process over a copy of the run's migrated DATA_DIR,
// seeded through core: a public incident (AMBER) with an AMBER and a RED note, and a private one (RED).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededCliDataDir } from '../support/cli-data.js';

const { dir, rampart } = seededCliDataDir('tlp', { incidentTypes: ['phishing', 'other'] }, async (core) => {
  const actor = { id: 'U0LEAD', source: 'slack-command' as const };
  await core.declare(actor, { title: 'Phishing wave', type: 'phishing', private: false });
  await core.addNote(actor, 'INC-1', 'blocked-the-sender-domain');
  await core.addNote(actor, 'INC-1', 'TLP:RED clicked-by-the-cfo');
  await core.declare(actor, { title: 'Lost laptop of the CEO' });
});

describe('rampart report --tlp', () => {
  it('writes for the operator (RED) by default, and for a wider audience without what it may not receive', async () => {
    const full = await rampart('report', 'INC-1');
    expect(full.code).toBe(0);
    expect(full.stdout).toContain('**TLP:RED: For the eyes and ears of individual recipients only, no further disclosure.**');
    expect(full.stdout).toContain('clicked-by-the-cfo');
    const amber = await rampart('report', 'INC-1', '--tlp', 'amber', '--format', 'json');
    expect(amber.code).toBe(0);
    expect(amber.stdout).not.toContain('clicked-by-the-cfo');
    expect(amber.stdout).toContain('blocked-the-sender-domain');
    expect(JSON.parse(amber.stdout).tlp).toMatchObject({ marking: 'AMBER', audience: 'AMBER', withheld: [{ marking: 'RED', count: 1 }] });
  });

  it('refuses an audience that may not receive the incident, and a word that is no marking, in one line', async () => {
    const red = await rampart('report', 'INC-2', '--tlp', 'AMBER');
    expect(red.code).toBe(1);
    expect(red.stderr.trim().split('\n')).toHaveLength(1);
    expect(red.stderr).toContain('INC-2 is marked TLP:RED, and this report is a TLP:AMBER audience');
    const bad = await rampart('report', 'INC-1', '--tlp', 'purple');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--tlp takes one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED, not "purple"');
  });
});

describe('rampart export --tlp', () => {
  it('leaves out the incidents and notes marked more strictly, and counts them in the file', async () => {
    const out = path.join(dir, 'amber.csv');
    const result = await rampart('export', '--tlp', 'AMBER', '--format', 'csv', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Written for a TLP:AMBER audience');
    const csv = readFileSync(out, 'utf8');
    expect(csv).not.toContain('clicked-by-the-cfo');
    expect(csv).not.toContain('Lost laptop');
    expect(csv).toContain('blocked-the-sender-domain');
    expect(csv.split('\r\n')[1]).toContain('TLP:AMBER: Limited disclosure');
    expect(csv).toContain('1 incident withheld (TLP:RED)');
    expect(csv).toContain('1 timeline event withheld (TLP:RED)');
  });
});

describe('rampart tlp', () => {
  it('sets the marking with a reason, and refuses an unknown or unchanged one', async () => {
    const set = await rampart('tlp', 'INC-1', 'green', 'advisory', 'published');
    expect(set.code).toBe(0);
    expect(set.stdout.trim()).toBe('INC-1 is now marked TLP:GREEN (was TLP:AMBER).');
    const timeline = await rampart('timeline', 'INC-1', '--json');
    const last = JSON.parse(timeline.stdout).events.at(-1);
    expect(last).toMatchObject({ kind: 'tlp_changed', actor: 'cli', payload: { from: 'AMBER', to: 'GREEN', reason: 'advisory published' } });
    const again = await rampart('tlp', 'INC-1', 'GREEN');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('INC-1 is already TLP:GREEN.');
    const bad = await rampart('tlp', 'INC-1', 'blue');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"blue" is not a TLP marking');
  });
});
