// The README's tip example is the format's documentation: it must stay a valid tips file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYamlWith } from '../../../src/core/playbooks/load.js';
import { tipsFileSchema } from '../../../src/core/awareness/tip.js';

describe('README tip example', () => {
  it('parses without problems', () => {
    const readme = readFileSync('README.md', 'utf8');
    const yaml = /## Weekly security awareness[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const { value, problems } = parseYamlWith(tipsFileSchema, yaml!, 'README.md');
    expect(problems).toEqual([]);
    expect(value!.tips[0]).toMatchObject({ id: 'fake-invoice', topics: ['phishing'] });
  });
});
