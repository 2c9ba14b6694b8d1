// The README's playbook example is the format's documentation: it must stay a valid playbook.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlaybook } from '../../../src/core/playbooks/load.js';

describe('README playbook example', () => {
  it('parses without problems and shows every step field', () => {
    const readme = readFileSync('README.md', 'utf8');
    const yaml = /## Playbooks[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const { playbook, problems } = parsePlaybook(yaml!, 'README.md');
    expect(problems).toEqual([]);
    const steps = playbook!.sections.flatMap((s) => s.steps);
    expect(steps[0]).toMatchObject({ id: 'reset-passwords', owner: 'IT', due: '1h', requires: 'note', prompt: 'Record which accounts were reset' });
    expect(steps[1]!.branches).toHaveLength(2);
  });
});
