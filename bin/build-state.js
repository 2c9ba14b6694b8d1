// Whether dist/ (the compiled JavaScript `npm start` runs) is current: the build stamps dist/ with the time it read
// the sources, and any file or folder under src/ changed since then makes the build stale. Plain JavaScript, as it runs
// before anything is compiled; shared by bin/rampart.js and scripts/build.js.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, where src/ and dist/ are. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Written last by the build; its modification time is when the compiled sources were read. */
export const buildStampOf = (root = ROOT) => path.join(root, 'dist', '.build-stamp');

/** The latest modification time under src/, folders included (a deleted or renamed file changes its folder's). */
export function newestSourceMtimeMs(root = ROOT) {
  const src = path.join(root, 'src');
  let newest = statSync(src).mtimeMs;
  for (const entry of readdirSync(src, { recursive: true })) newest = Math.max(newest, statSync(path.join(src, entry)).mtimeMs);
  return newest;
}

/** 'current', 'stale' (src/ changed since the build) or 'missing' (never built, or the build did not finish). */
export function buildState(root = ROOT) {
  let built;
  try {
    built = statSync(buildStampOf(root)).mtimeMs;
  } catch {
    return 'missing';
  }
  return newestSourceMtimeMs(root) > built ? 'stale' : 'current';
}
