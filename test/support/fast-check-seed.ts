// FUZZ_SEED=<the seed a failing property printed> replays every fast-check property with that seed, to reproduce it.
import fc from 'fast-check';

const seed = process.env.FUZZ_SEED;
if (seed) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
