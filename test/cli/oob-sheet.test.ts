// `rampart oob sheet`: the contact sheet of OOB_PLAN_FILE to stdout or a file; without a plan, or to a place it cannot
// write, one line and a non-zero exit. `rampart oob acks`: who has acknowledged the current version.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planVersion } from '../../src/core/oob/load.js';
import { seededCliDataDir } from '../support/cli-data.js';

const PLAN = path.resolve('docs/examples/oob-plan.yaml');
const { dir, rampartWith: rampart } = seededCliDataDir('oob-sheet', { at: '2026-11-30T09:05:00Z', core: { oobPlanFile: PLAN } }, async (core) => {
  await core.oob.acknowledge({ id: 'U0ALICE', source: 'slack-button' }, planVersion(readFileSync(PLAN, 'utf8')));
});

describe('rampart oob sheet', () => {
  it('prints the sheet, or writes it to --out and says which version', async () => {
    const version = planVersion(readFileSync(PLAN, 'utf8'));
    const printed = await rampart({ OOB_PLAN_FILE: PLAN }, 'oob', 'sheet');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain(`<title>Out-of-band contact sheet (plan ${version})</title>`);
    expect(printed.stdout).toContain('Outside parties to call');
    const file = path.join(dir, 'sheet.html');
    const written = await rampart({ OOB_PLAN_FILE: PLAN }, 'oob', 'sheet', '--out', file);
    expect(written.stdout.trim()).toBe(`Wrote the contact sheet of plan version ${version} to ${file}.`);
    expect(readFileSync(file, 'utf8')).toContain('<td class="phone">+44 20 7946 0200</td>');
  });

  it('acks: the current version, whether it was posted, and who acknowledged it', async () => {
    const version = planVersion(readFileSync(PLAN, 'utf8'));
    const text = await rampart({ OOB_PLAN_FILE: PLAN }, 'oob', 'acks');
    expect(text.stdout.trim().split('\n')).toEqual([`Plan version ${version}: not posted yet; 1 acknowledged.`, 'U0ALICE      2026-11-30 10:05:00 +01:00']);
    expect(JSON.parse((await rampart({ OOB_PLAN_FILE: PLAN }, 'oob', 'acks', '--json')).stdout)).toEqual({ version, postedAt: null, acks: [{ userId: 'U0ALICE', ackedAt: '2026-11-30T09:05:00.000Z' }] });
  }, 60_000);

  it('says what is wrong in one line', async () => {
    const none = await rampart({}, 'oob', 'sheet');
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('No out-of-band plan is set up');
    const unwritable = await rampart({ OOB_PLAN_FILE: PLAN }, 'oob', 'sheet', '--out', path.join(dir, 'no-such-dir', 'sheet.html'));
    expect(unwritable.code).not.toBe(0);
    expect(unwritable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unwritable.stderr).toContain('Cannot write');
  });
});
