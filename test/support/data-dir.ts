// On-disk DATA_DIRs for tests that run Rampart on real files (the CLI, the sandbox): a copy of the run's migrated data
// directory (test/support/global-db.ts), so PGlite opens it without initdb and finds every migration applied.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

/** Copies the run's migrated DATA_DIR into dataDir (made if missing; it must not hold a database yet); returns dataDir. */
export async function copyMigratedDataDir(dataDir: string): Promise<string> {
  await cp(inject('pgliteDataDir'), dataDir, { recursive: true, errorOnExist: true, force: false });
  return dataDir;
}

/** A new temporary DATA_DIR holding a migrated, empty database, and what removes it. */
export async function migratedDataDir(prefix = 'rampart-data-'): Promise<{ dataDir: string; remove: () => Promise<void> }> {
  const dataDir = await copyMigratedDataDir(await mkdtemp(path.join(tmpdir(), prefix)));
  return { dataDir, remove: () => rm(dataDir, { recursive: true, force: true }) };
}
