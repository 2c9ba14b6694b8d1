#!/usr/bin/env node
// `npm run build`, and `prepare` (so `npm install` and `npm ci` build): compiles src/ to dist/ for `npm start`.
// Emit only (tsconfig.build.json has noCheck): `npm run check` checks the types, so the build needs neither the
// @types packages nor the time a check takes, and works after `npm ci --omit=dev` (typescript is a dependency).
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildStampOf, newestSourceMtimeMs, ROOT } from '../bin/build-state.js';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
// The stamp's time is taken before compiling, so a file saved during the build leaves the build stale, as it is; and
// never before the newest source, so a source dated in the future (clock skew, an archive) cannot keep it stale forever.
const startedMs = Math.max(Date.now(), newestSourceMtimeMs());

const dist = path.join(ROOT, 'dist');
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
// The YAML libraries (built-in playbooks, awareness tips) are found next to the modules that read them.
cpSync(path.join(ROOT, 'src'), dist, { recursive: true, filter: (from) => statSync(from).isDirectory() || from.endsWith('.yaml') });
const stamp = buildStampOf();
writeFileSync(stamp, 'compiled from src/ by scripts/build.js; bin/rampart.js compares its time with the sources\n');
utimesSync(stamp, startedMs / 1000, startedMs / 1000);
