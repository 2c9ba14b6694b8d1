import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file gets its own database (PGlite in memory, or a fresh Postgres database), so files run in parallel.
    pool: 'forks',
    setupFiles: ['test/support/fast-check-seed.ts'],
    // Migrates once per run; each file copies the result (see test/support/db.ts).
    globalSetup: ['test/support/global-db.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results/results.json' }]],
  },
});
