// `rampart oob sheet`: the contact sheet of OOB_PLAN_FILE to stdout or a file; without a plan, or to a place it cannot
// write, one line and a non-zero exit.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planVersion } from '../../src/core/oob/load.js';
import { rampartInProcess } from '../support/cli.js';
import { copyMigratedDataDir } from '../support/data-dir.js';

const dir = mkdtempSync(path.join(tmpdir(), 'rampart-oob-sheet-'));
const dataDir = path.join(dir, 'data');
const PLAN = path.resolve('docs/examples/oob-plan.yaml');
const rampart = (env: Record<string, string>, ...args: string[]) => rampartInProcess(args, { DATA_DIR: dataDir, TIMEZONE: 'Europe/Paris', ...env });

beforeAll(() => copyMigratedDataDir(dataDir), 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
