// FUZZ_SEED=<the seed a failing property printed> replays every fast-check property with that seed, to reproduce it
// (at the FUZZ_SCALE of the failing run, which sets how many cases the fuzzers draw: test/fuzz/budget.ts).
import fc from 'fast-check';

const seed = process.env.FUZZ_SEED;
if (seed) {
  if (!Number.isInteger(Number(seed))) throw new Error(`FUZZ_SEED must be the integer seed fast-check printed, not "${seed}"`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
}
