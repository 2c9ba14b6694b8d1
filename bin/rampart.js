#!/usr/bin/env node
// The `rampart` command. It runs the compiled JavaScript in dist/ (built on install by `prepare`, or by `npm run
// build`) when that build is current: one process, no compiler at run time. When src/ has changed since the build,
// or there is none, a development install runs src/ through tsx instead, so nobody runs stale code; without tsx (a
// production install) it stops and says how to build.
import { buildState } from './build-state.js';

const state = buildState();
if (state === 'current') {
  await import('../dist/cli/main.js');
} else {
  const tsx = await import('tsx/esm/api').catch((err) => {
    if (err?.code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  });
  const why = state === 'stale' ? 'src/ has changed since the last build' : 'Rampart is not built (no dist/)';
  if (!tsx) {
    process.stderr.write(`rampart: ${why}; run \`npm run build\` first.\n`);
    process.exitCode = 1;
  } else {
    // The bot is the one place where the slower start through tsx is worth a word; CLI commands keep their output clean.
    if (process.argv[2] === 'start') process.stderr.write(`rampart: ${why}, so the sources run through tsx; \`npm run build\` compiles them.\n`);
    tsx.register();
    await import('../src/cli/main.ts');
  }
}
