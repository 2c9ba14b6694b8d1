// `rampart evidence` run in this process over a copy of the run's migrated DATA_DIR: add hashes a real file by
// streaming it, check recomputes it (a changed file is a mismatch, recorded, exit 1), transfer and list show the chain,
// JSON for scripts, and bad arguments as one line and a non-zero exit with nothing written.
import { createHash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededCliDataDir } from '../support/cli-data.js';

// Bigger than one stream chunk (64 KiB), so the hash is built from several.
const CONTENT = Buffer.alloc(200_000, 'evidence-');
const HASH = createHash('sha256').update(CONTENT).digest('hex');
const { dir, rampart } = seededCliDataDir('evidence', { incidentTypes: ['data-leak', 'other'] }, async (core) => {
  writeFileSync(image, CONTENT);
  await core.declare({ id: 'U0LEAD', source: 'slack-command' }, { title: 'Stolen laptop', type: 'data-leak' });
});
const image = path.join(dir, 'disk.img');

describe('rampart evidence', () => {
  it('adds with the file’s SHA-256, transfers, checks the unchanged and then the changed file, and lists the chain', async () => {
    const added = await rampart('evidence', 'add', 'INC-1', '--what', 'Disk image of the laptop', '--where', 'Locker 4', '--file', image, '--by', 'Dana (IT)', '--at', '2026-11-01T22:15', '--zone', 'UTC', '--tlp', 'red');
    expect(added.stderr).toBe('');
    expect(added.stdout.trim()).toBe(`Logged EV-1 on INC-1 (sha256 ${HASH}).`);
    expect((await rampart('evidence', 'transfer', 'EV-1', '--to', 'Acme Forensics', '--reason', 'imaging')).stdout.trim()).toBe('EV-1 (INC-1): Dana (IT) -> Acme Forensics, recorded.');

    const same = await rampart('evidence', 'check', 'EV-1', '--file', image);
    expect(same.code).toBe(0);
    expect(same.stdout.trim()).toBe(`EV-1 (INC-1): sha256 matches ${HASH}. Recorded.`);
    appendFileSync(image, 'tampered');
    const changedHash = createHash('sha256').update(Buffer.concat([CONTENT, Buffer.from('tampered')])).digest('hex');
    const changed = await rampart('evidence', 'check', 'EV-1', '--file', image);
    expect(changed.code).toBe(1);
    expect(changed.stdout.trim()).toBe(`HASH MISMATCH on EV-1 (INC-1): logged ${HASH}, now ${changedHash}. Recorded on the timeline.`);

    // The CLI records with the real clock: times are shown as TIME.
    const listed = await rampart('evidence', 'list', 'INC-1');
    expect(listed.stdout.trim().replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}/g, 'TIME').split('\n')).toEqual([
      'EV-1   Disk image of the laptop  [TLP:RED]',
      '       stored at Locker 4; held by Acme Forensics',
      '       collected by Dana (IT), 2026-11-01 22:15 (UTC, UTC+00:00)',
      `       sha256 ${HASH}`,
      '       TIME  Dana (IT) -> Acme Forensics: imaging (by cli)',
      '       TIME  hash matches (file, by cli)',
      `       TIME  HASH MISMATCH: got ${changedHash} (file, by cli)`,
    ]);
    const json = JSON.parse((await rampart('evidence', 'list', 'INC-1', '--json')).stdout) as { ref: string; holder: string; checks: { matches: boolean }[]; collectedAt: string }[];
    expect(json).toEqual([expect.objectContaining({ ref: 'EV-1', holder: 'Acme Forensics', collectedAt: '2026-11-01T22:15:00.000Z', checks: [expect.objectContaining({ matches: true }), expect.objectContaining({ matches: false })] })]);
    const timeline = await rampart('timeline', 'INC-1');
    expect(timeline.stdout).toContain('HASH MISMATCH on evidence EV-1');
    // Each run opens the database afresh: many runs, so a loaded machine gets the time cli.test.ts gives its own.
  }, 90_000);

  it('says what is wrong in one line and exits non-zero, writing nothing', async () => {
    const cases: [string[], string][] = [
      [['evidence', 'add', 'INC-1', '--what', 'x', '--where', 'y', '--file', path.join(dir, 'missing.img')], 'There is no file'],
      [['evidence', 'add', 'INC-1', '--what', 'x', '--where', 'y', '--file', dir], 'is a directory'],
      [['evidence', 'add', 'INC-1', '--what', 'x', '--where', 'y', '--file', image, '--sha256', HASH], 'not both'],
      [['evidence', 'add', 'INC-9', '--what', 'x', '--where', 'y'], 'There is no incident INC-9.'],
      [['evidence', 'add', 'INC-1', '--what', 'x', '--where', 'y', '--at', 'soon'], 'is not a time'],
      [['evidence', 'add', 'INC-1', '--what', 'x'], "required option '--where <text>'"],
      [['evidence', 'check', 'EV-1'], 'Give --file PATH'],
      [['evidence', 'check', 'EV-7', '--sha256', HASH], 'There is no evidence item EV-7.'],
      [['evidence', 'transfer', 'EV-1', '--to', 'Bob', '--reason', ' '], 'Say why EV-1 changes hands'],
    ];
    const before = (await rampart('evidence', 'list', 'INC-1', '--json')).stdout;
    for (const [args, says] of cases) {
      const r = await rampart(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toContain(says);
    }
    expect((await rampart('evidence', 'list', 'INC-1', '--json')).stdout).toBe(before);
  }, 90_000);
});
