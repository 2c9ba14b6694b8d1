// OOB_PLAN_FILE: the example plan is valid, and a broken plan is reported with its file, line and field, at start-up
// (config) and at use (loadPlan), so the admin knows what to fix.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { loadPlan, parsePlan } from '../../../src/core/oob/load.js';
import { planLines } from '../../../src/core/oob/plan.js';

const EXAMPLE = 'docs/examples/oob-plan.yaml';
const dir = mkdtempSync(path.join(tmpdir(), 'rampart-oob-'));

function planFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('out-of-band plan file', () => {
  it('accepts the documented example and reads every part of it', async () => {
    const plan = await loadPlan(EXAMPLE);
    expect(plan.backup_channels[0]!.name).toBe('Signal group "Newsroom IR"');
    expect(plan.phone_tree).toHaveLength(5);
    expect(plan.verification).toEqual({ phrase: 'the heron waits at low tide', rotated_at: '2026-11-02', rotated_by: 'Amira Haddad' });
    const text = planLines(plan).join('\n');
    expect(text).toContain('+44 20 7946 0101, calls Ben Okafor, Chloé Martin');
    expect(text).toContain('Meeting place: Room 3.14');
    expect(text).toContain('Verification phrase: the heron waits at low tide (rotated 2026-11-02 by Amira Haddad)');
    expect(plan.outside_parties?.map((p) => p.kind)).toEqual(['insurer', 'counsel', 'forensics', 'law_enforcement', 'platform']);
    expect(text).toContain('- Cyber insurer: Example Mutual cyber claims line · +44 20 7946 0200 · ref. Policy CY-2026-0417');
  });

  it('the README example is a valid plan', () => {
    const yaml = /## Out-of-band plan[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readFileSync('README.md', 'utf8'))?.[1];
    expect(yaml).toBeDefined();
    expect(parsePlan(yaml!, 'README.md')).toMatchObject({ phone_tree: [{ calls: ['Ben Okafor'] }], verification: { rotated_by: 'Amira Haddad' } });
  });

  it('names the file, line and field of a bad phone number', () => {
    const yaml = ['backup_channels:', '  - name: Signal', '    how: the IR group', 'phone_tree:', '  - name: Ben', '    phone: call me'].join('\n');
    expect(() => parsePlan(yaml, 'plan.yaml')).toThrow('plan.yaml:6: phone_tree[0].phone: must be a phone number such as +44 20 7946 0123');
  });

  it('reports a misspelt key on its own line instead of ignoring it', () => {
    const yaml = ['backup_channels:', '  - name: Signal', '    how: the IR group', 'verificaton:', '  phrase: x'].join('\n');
    expect(() => parsePlan(yaml, 'plan.yaml')).toThrow(/plan\.yaml:4: .*verificaton/);
  });

  it('needs at least one backup channel, and a rotation date and author for the phrase', () => {
    expect(() => parsePlan('backup_channels: []\n', 'p.yaml')).toThrow(/backup_channels: list at least one backup channel/);
    const yaml = ['backup_channels:', '  - { name: Signal, how: group }', 'verification:', '  phrase: heron'].join('\n');
    expect(() => parsePlan(yaml, 'p.yaml')).toThrow(/verification\.rotated_at: .*verification\.rotated_by/s);
  });

  it('says when the file is empty, is not YAML, or does not exist', async () => {
    expect(() => parsePlan('', 'empty.yaml')).toThrow(/empty\.yaml/);
    expect(() => parsePlan('backup_channels: [unclosed', 'bad.yaml')).toThrow(/bad\.yaml:1: YAML:/);
    await expect(loadPlan(path.join(dir, 'missing.yaml'))).rejects.toThrow(/missing\.yaml does not exist/);
  });

  it('is checked at start-up: a broken file is a configuration error naming the setting and the field', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-test' };
    expect(loadConfig({ ...base, OOB_PLAN_FILE: EXAMPLE }).oobPlanFile).toBe(EXAMPLE);
    expect(loadConfig(base).oobPlanFile).toBeUndefined();
    const broken = planFile('broken.yaml', 'backup_channels:\n  - name: Signal\n');
    expect(() => loadConfig({ ...base, OOB_PLAN_FILE: broken })).toThrow(/OOB_PLAN_FILE: .*broken\.yaml:2: backup_channels\[0\]\.how/);
    expect(() => loadConfig({ ...base, OOB_PLAN_FILE: path.join(dir, 'nope.yaml') })).toThrow(/OOB_PLAN_FILE: .*nope\.yaml does not exist/);
  });
});
