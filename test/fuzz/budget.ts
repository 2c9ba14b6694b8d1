// The fuzz budget, one knob for every property in test/fuzz: FUZZ_SCALE multiplies each property's runs. The default
// (1) is a smoke run that keeps the fuzz project to seconds in `npm test` while every property still draws dozens of
// cases; `npm run test:soak` runs the fuzz project at FUZZ_SCALE=20. A failure prints its seed; FUZZ_SEED replays it
// (test/support/fast-check-seed.ts).

const raw = process.env.FUZZ_SCALE ?? '1';
const scale = Number(raw);
if (!Number.isFinite(scale) || scale <= 0) throw new Error(`FUZZ_SCALE must be a positive number, not "${raw}"`);

/** How many times the default budget this run has (FUZZ_SCALE, 1 by default). */
export const FUZZ_SCALE = scale;

/** A property's runs: `atDefault` in `npm test`, FUZZ_SCALE times that in a soak (never fewer than one). */
export function fuzzRuns(atDefault: number): number {
  return Math.max(1, Math.round(atDefault * FUZZ_SCALE));
}
