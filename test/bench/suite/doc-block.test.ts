// The suite writes docs/benchmarks.md: only the block between its markers may change, whatever the block held before.
import { describe, expect, it } from 'vitest';
import { END, replaceBlock, START } from '../../../bench/suite/doc-block.js';

const doc = (block: string) => `# Benchmarks\n\nIntro.\n\n${START}\n${block}\n${END}\n\n## Reports\n\nOther prose | with a table |\n`;

describe('the suite block in docs/benchmarks.md', () => {
  it('replaces what is between the markers and leaves the rest byte for byte', () => {
    const before = doc('## Old table\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    const after = replaceBlock(before, '## New table\n\n| c |\n|---|\n| 3 |\n');
    expect(after).toBe(doc('## New table\n\n| c |\n|---|\n| 3 |'));
  });

  it('gives the same document when run twice with the same block', () => {
    const once = replaceBlock(doc('old'), 'new');
    expect(replaceBlock(once, 'new')).toBe(once);
  });

  it('adds the markers under the title of a document without them', () => {
    const after = replaceBlock('# Benchmarks\n\nIntro.\n', 'table');
    expect(after).toBe(`# Benchmarks\n\n${START}\ntable\n${END}\n\nIntro.\n`);
  });

  it('refuses a document with only one marker rather than guess where the block ends', () => {
    expect(() => replaceBlock(`# Benchmarks\n${START}\nold\n`, 'new')).toThrow(/one suite marker without the other/);
  });
});
