// A DATA_DIR whose embedded database is already migrated, for tests of what the data directory keeps across a real
// close and reopen (the sandbox, the CLI). A fresh on-disk PGlite pays initdb and every migration (seconds each time);
// this makes one migrated directory per test file, from the run's migrated dump, and copies it, which takes a moment.
import { rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { openDatabase } from '../../src/db/client.js';

let migrated: Promise<string> | undefined;

/** Gives target (a DATA_DIR) an embedded database that is migrated and empty, where Rampart keeps it (target/pglite). */
export async function copyMigratedDataDir(target: string): Promise<void> {
  migrated ??= migratedPgliteDir();
  await cp(await migrated, path.join(target, 'pglite'), { recursive: true });
}

/** This file's migrated PGlite directory, removed when the test process exits. */
async function migratedPgliteDir(): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), 'rampart-migrated-'));
  process.once('exit', () => rmSync(parent, { recursive: true, force: true }));
  const dir = path.join(parent, 'pglite');
  const dump = inject('pgliteDump');
  if (dump) {
    await mkdir(dir, { recursive: true });
    await (await PGlite.create(dir, { loadDataDir: new Blob([await readFile(dump)]) })).close();
  } else {
    // Postgres runs have no PGlite dump (test/support/global-db.ts): migrate one here, once per file.
    await (await openDatabase({ kind: 'pglite', dataDir: parent })).close();
  }
  return dir;
}
