// Vitest global set-up for each project that opens test databases (integration, fuzz). Vitest runs a project's
// global set-up for that project alone and keeps what it provides per project, so global-db.ts listed in two projects
// would migrate twice (and on Postgres create the same template twice). This runs it once per Vitest run and hands
// the same migrated copy to every project that asks.
import type { ProvidedContext } from 'vitest';
import type { TestProject } from 'vitest/node';
import migrate from './global-db.js';

type Migrated = Pick<ProvidedContext, 'pgliteDump' | 'postgresTemplate' | 'pgliteDataDir'>;

// On the Vitest instance, which every project shares; this module itself is loaded once per project.
const MIGRATED = Symbol.for('rampart.test.migrated-database');
type Shared = { [MIGRATED]?: Promise<Migrated> };

/** Migrates on the first call of a run (its teardown cleans up); later projects of the run reuse the result. */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const shared = project.vitest as unknown as Shared;
  const earlier = shared[MIGRATED];
  if (earlier) {
    const { pgliteDump, postgresTemplate, pgliteDataDir } = await earlier;
    project.provide('pgliteDump', pgliteDump);
    project.provide('postgresTemplate', postgresTemplate);
    project.provide('pgliteDataDir', pgliteDataDir);
    return undefined;
  }
  let teardown!: () => Promise<void>;
  shared[MIGRATED] = migrate(project).then((t) => {
    teardown = t;
    const { pgliteDump, postgresTemplate, pgliteDataDir } = project.getProvidedContext();
    return { pgliteDump, postgresTemplate, pgliteDataDir };
  });
  await shared[MIGRATED];
  return () => teardown();
}
