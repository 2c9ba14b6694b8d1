#!/usr/bin/env node
// `npm run build`, and `prepare` (so `npm install` and `npm ci` build): compiles src/ to dist/ for `npm start`.
// Emit only (tsconfig.build.json has noCheck): `npm run check` checks the types, so the build needs neither the
// @types packages nor the time a check takes, and works after `npm ci --omit=dev` (typescript is a dependency).
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BUILD_STAMP, newestSourceMtimeMs } from '../bin/build-state.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
// Taken before compiling: a file saved during the build makes the next start see the build as stale, as it is.
const startedMs = Math.max(Date.now(), newestSourceMtimeMs());

rmSync(`${root}dist`, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
// The YAML libraries (built-in playbooks, awareness tips) are found next to the modules that read them.
cpSync(`${root}src`, `${root}dist`, { recursive: true, filter: (from) => statSync(from).isDirectory() || from.endsWith('.yaml') });
writeFileSync(BUILD_STAMP, 'compiled from src/ by scripts/build.js; bin/rampart.js compares its time with the sources\n');
utimesSync(BUILD_STAMP, startedMs / 1000, startedMs / 1000);
