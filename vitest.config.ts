import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The `unit` project: test files that open no database and start no bot, server or child process (pure parsers,
 * builders, rules, renderers). A new test file like that is listed here; any file not listed runs in `integration`,
 * which has everything a test may need, so forgetting to list one costs speed, never a failure. A folder is listed
 * whole only where every file in it is pure by design.
 */
const UNIT = [
  'test/architecture.test.ts',
  'test/bin/build-state.test.ts',
  'test/config.test.ts',
  'test/web/metrics-config.test.ts',
  'test/web/metrics-gauges.test.ts',
  'test/bench/suite/doc-block.test.ts',
  'test/bench/suite/table.test.ts',
  'test/core/awareness/readme-example.test.ts',
  'test/core/awareness/schedule.test.ts',
  'test/core/awareness/tips.test.ts',
  'test/core/clocks/regime.test.ts',
  'test/core/digest/digest.test.ts',
  'test/core/digest/followups.test.ts',
  'test/core/followups/followup.test.ts',
  'test/core/incident-rules.test.ts',
  'test/core/metrics/chart.test.ts',
  'test/core/metrics/stats.test.ts',
  'test/core/metrics/table.test.ts',
  'test/core/observables/exports.test.ts',
  'test/core/observables/observable.test.ts',
  'test/core/observables/scan.test.ts',
  'test/core/phishing/campaign.test.ts',
  'test/mail/mail-config.test.ts',
  'test/mail/parse.test.ts',
  'test/mail/urls.test.ts',
  'test/core/oob/plan-file.test.ts',
  'test/core/oob/sheet.test.ts',
  'test/core/rules/load.test.ts',
  'test/core/tlp/tlp.test.ts',
  'test/core/tlp/filter.test.ts',
  'test/core/playbooks/import-cacao.test.ts',
  'test/core/playbooks/import-thehive.test.ts',
  'test/core/playbooks/library.test.ts',
  'test/core/playbooks/ask-steps.test.ts',
  'test/core/search/search-rules.test.ts',
  'test/core/playbooks/readme-example.test.ts',
  'test/core/playbooks/startup.test.ts',
  'test/core/playbooks/to-yaml.test.ts',
  'test/core/plural.test.ts',
  'test/core/redaction/formats.test.ts',
  'test/core/redaction/linear.test.ts',
  'test/core/redaction/redact.test.ts',
  'test/core/reminders/reminder-rules.test.ts',
  'test/core/reports/formats/**/*.test.ts',
  'test/core/timeline/canonical.test.ts',
  'test/db/connection-errors.test.ts',
  'test/db/redacted-columns.test.ts',
  'test/docs/security-md.test.ts',
  'test/sandbox/app-surface.test.ts',
  'test/sandbox/emulator/rate-limit-tiers.test.ts',
  'test/sandbox/line-errors.test.ts',
  'test/sandbox/modal.test.ts',
  'test/sandbox/render.test.ts',
  'test/sandbox/script.test.ts',
  'test/sandbox/transcript.test.ts',
  'test/scheduler/slots.test.ts',
  'test/scheduler/sweep.test.ts',
  'test/slack/blocks/**/*.test.ts',
  'test/slack/manifest.test.ts',
  'test/slack/outbox-pacer.test.ts',
  'test/slack/outbox-render.test.ts',
  'test/slack/parse/**/*.test.ts',
  'test/web/decoy-config.test.ts',
];

/** The fuzzers (fast-check against the parsers and the running bot), sized by FUZZ_SCALE: see test/fuzz/budget.ts. */
const FUZZ = ['test/fuzz/**/*.test.ts'];

// A listed file that was renamed or moved would silently leave `unit`; say so instead.
const missing = UNIT.filter((file) => !file.includes('*') && !existsSync(file));
if (missing.length > 0) throw new Error(`vitest.config.ts lists unit tests that do not exist: ${missing.join(', ')}`);

/** What every project shares (inline projects do not inherit the root's test options). */
const common = {
  // Each file gets its own database (PGlite in memory, or a fresh Postgres database), so files run in parallel.
  pool: 'forks' as const,
  // A worker runs its files one after another in one module graph: src and its libraries (Bolt, drizzle, PGlite) are
  // loaded once per worker, not once per file, and test/support/db.ts keeps one migrated database per worker, emptied
  // between tests. Files must therefore leave no state behind (close what they open; restore what they change).
  isolate: false,
  setupFiles: ['test/support/fast-check-seed.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

// Migrates once per run, for the projects that open databases; each file copies the result (see test/support/db.ts).
const globalSetup = ['test/support/global-db-per-run.ts'];

export default defineConfig({
  test: {
    // Vitest's default leaves a core idle (cores - 1). One more worker than cores: an integration test spends part of
    // its time waiting on HTTP, child processes and the database (on 2 cores: 784 s on 1 worker, 150 s on 2, 120 s on 3).
    maxWorkers: availableParallelism() + 1,
    projects: [
      { test: { ...common, name: 'unit', include: UNIT } },
      { test: { ...common, name: 'integration', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...UNIT, ...FUZZ], globalSetup } },
      { test: { ...common, name: 'fuzz', include: FUZZ, globalSetup } },
    ],
    reporters: ['default', ['json', { outputFile: 'test-results/results.json' }]],
  },
});
