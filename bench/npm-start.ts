// How `npm start` runs the bot, for benchmarks that start it as users do: the node flags of package.json's start
// script (say --max-semi-space-size, which changes idle memory) and bin/rampart.js, which runs the compiled dist/.
import { readFileSync } from 'node:fs';
import { buildState } from '../bin/build-state.js';

/** Node's arguments for `npm start`: the start script's flags, then the bin and `start`. */
export function npmStartArgs(): string[] {
  const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  return [...npmStartFlags(script), 'bin/rampart.js', 'start'];
}

/** The `--flag` words of a start script such as `node --max-semi-space-size=2 bin/rampart.js start`. */
export function npmStartFlags(script: string): string[] {
  return script.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** Stops a benchmark that would otherwise measure the sources through tsx (bin/rampart.js's fallback) as `npm start`. */
export function requireCurrentBuild(bench: string): void {
  if (buildState() === 'current') return;
  console.error(`${bench}: dist/ is not current with src/, so \`npm start\` would run through tsx; run \`npm run build\` first.`);
  process.exit(2);
}
