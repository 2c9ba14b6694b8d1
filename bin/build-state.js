// Whether dist/ (the compiled JavaScript `npm start` runs) is current: the build stamps dist/ when it starts
// compiling, and any file or folder under src/ changed since then makes the build stale. Plain JavaScript, as it runs
// before anything is compiled; shared by bin/rampart.js and scripts/build.js.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
/** Written last by the build; its modification time is when the compiled sources were read. */
export const BUILD_STAMP = fileURLToPath(new URL('../dist/.build-stamp', import.meta.url));

/** The latest modification time under src/, folders included (a deleted or renamed file changes its folder's). */
export function newestSourceMtimeMs() {
  let newest = statSync(SRC).mtimeMs;
  for (const entry of readdirSync(SRC, { recursive: true })) newest = Math.max(newest, statSync(path.join(SRC, entry)).mtimeMs);
  return newest;
}

/** 'current', 'stale' (src/ changed since the build) or 'missing' (never built, or the build did not finish). */
export function buildState() {
  let built;
  try {
    built = statSync(BUILD_STAMP).mtimeMs;
  } catch {
    return 'missing';
  }
  return newestSourceMtimeMs() > built ? 'stale' : 'current';
}
