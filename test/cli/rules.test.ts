// `rampart rules check`, run in this process: the example is valid and printed in words; a bad file gets every problem
// with file, line and path on stderr and exit 1; no file at all is one line and a non-zero exit; a broken RULES_FILE
// stops start-up (the configuration check) with its problem.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { rampartInProcess } from '../support/cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'rampart-rulescli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function rampart(args: string[], env: Record<string, string | undefined> = {}) {
  return rampartInProcess(args, { DATA_DIR: path.join(work, 'data'), PLAYBOOKS_DIR: undefined, RULES_FILE: undefined, ...env });
}

describe('rampart rules check', () => {
  it('prints the example’s rules in words and exits 0', async () => {
    const r = await rampart(['rules', 'check', 'docs/examples/rules.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1. account-takeover (account-compromise, sev1/sev2): invite S0ONCALL01; start account-compromise; commander: first of S0ONCALL01');
    expect(r.stdout).toMatch(/3 valid rules in docs\/examples\/rules\.yaml/);
  });

  it('lists every problem with file, line and path on stderr and exits 1, checking playbooks against the library', async () => {
    const file = path.join(work, 'bad.yaml');
    writeFileSync(file, 'rules:\n  - name: a\n    playbook: no-such-playbook\n  - name: b\n    when: { severity: high }\n');
    const r = await rampart(['rules', 'check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:3: rules[0].playbook: must be a playbook id (`);
    expect(r.stderr).toContain(`${file}:5: rules[1].when.severity[0]: must be a severity`);
  });

  it('without a file or RULES_FILE, says how to name one', async () => {
    const r = await rampart(['rules', 'check']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/RULES_FILE is not set: name a file/);
  });

  it('a broken RULES_FILE is a configuration error naming the line', () => {
    const file = path.join(work, 'typo.yaml');
    writeFileSync(file, 'rules:\n  - name: a\n    comander: U0ALICE01\n');
    expect(() => loadConfig({ RULES_FILE: file })).toThrow(/RULES_FILE: The rules file is not valid: .*typo\.yaml:3: rules\[0\]: Unrecognized key: "comander"/);
    expect(() => loadConfig({ CHANNEL_ARCHIVE_AFTER: 'soon' })).toThrow(/CHANNEL_ARCHIVE_AFTER: a duration such as 7d/);
    expect(loadConfig({ CHANNEL_ARCHIVE_AFTER: 'off' }).archiveAfterMs).toBeUndefined();
    expect(loadConfig({}).archiveAfterMs).toBe(7 * 86_400_000);
  });
});
