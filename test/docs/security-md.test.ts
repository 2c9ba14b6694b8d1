// SECURITY.md names a test for every protection: each named file or folder must exist and hold tests, so the page
// cannot point at proof that was renamed or removed.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const security = readFileSync(join(root, 'SECURITY.md'), 'utf8');
const tableRows = security.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| Protection'));

function testFilesUnder(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts')).map((f) => join(path, f));
}

describe('SECURITY.md', () => {
  it('has a row per protection, each naming at least one test', () => {
    expect(tableRows.length).toBeGreaterThanOrEqual(15);
    for (const row of tableRows) expect(row, row.slice(0, 60)).toMatch(/`test\/[^`]+`/);
  });

  it('names only tests that exist', () => {
    const named = [...security.matchAll(/`(test\/[^`]+)`/g)].map((m) => m[1]!);
    for (const path of named) {
      const full = join(root, path);
      expect(existsSync(full), path).toBe(true);
      const files = testFilesUnder(full);
      expect(files.length, path).toBeGreaterThan(0);
      for (const f of files) expect(readFileSync(f, 'utf8'), f).toMatch(/\bit\(/);
    }
  });
});
