// When bin/rampart.js runs the compiled dist/ and when it falls back: the build's stamp against the sources' times.
// A package root of its own in a temporary folder; times are set with utimes, so nothing waits.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildState, buildStampOf } from '../../bin/build-state.js';

const BUILT = new Date('2026-12-01T10:00:00Z');
const BEFORE = new Date('2026-12-01T09:00:00Z');
const AFTER = new Date('2026-12-01T11:00:00Z');

let root: string;
const at = (file: string, when: Date) => utimesSync(path.join(root, file), when, when);

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'rampart-build-state-'));
  mkdirSync(path.join(root, 'src', 'core'), { recursive: true });
  writeFileSync(path.join(root, 'src', 'core', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(path.join(root, 'src', 'core', 'b.ts'), 'export const b = 2;\n');
  for (const file of ['src/core/a.ts', 'src/core/b.ts', 'src/core', 'src']) at(file, BEFORE);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function build(when: Date): void {
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  writeFileSync(buildStampOf(root), '');
  utimesSync(buildStampOf(root), when, when);
}

describe('buildState', () => {
  it('is missing before a build has finished', () => {
    mkdirSync(path.join(root, 'dist'));
    expect(buildState(root)).toBe('missing');
  });

  it('is current when nothing under src/ changed after the build read it', () => {
    build(BUILT);
    expect(buildState(root)).toBe('current');
  });

  it('is stale when a source was edited after the build', () => {
    build(BUILT);
    at('src/core/b.ts', AFTER);
    expect(buildState(root)).toBe('stale');
  });

  it('is stale when a source was deleted or added after the build (its folder changed)', () => {
    build(BUILT);
    rmSync(path.join(root, 'src', 'core', 'a.ts'));
    at('src/core', AFTER);
    expect(buildState(root)).toBe('stale');
  });
});
