// A new embedded database starts as a copy of a prebuilt data directory, initialised and migrated
// (bin/pglite-template.js, made at install or here on first need), rather than by PGlite running initdb in this
// process: initdb takes seconds and leaves the process holding several hundred MB for as long as it runs (issue 17,
// docs/benchmarks.md). The template is named after the migrations it holds, so the migrations that run next find
// none to do.
import { execFile } from 'node:child_process';
import { cp, readdir, rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The script that makes the template and prints its path; src/db and the built dist/db are both two levels down. */
const TEMPLATE_SCRIPT = fileURLToPath(new URL('../../bin/pglite-template.js', import.meta.url));

/**
 * Fills an empty data directory from the template; leaves one that holds anything alone (PGlite resumes it). The
 * caller holds the directory's lock. The copy is made beside it and renamed into place, so a start interrupted
 * half-way leaves an empty directory for the next start to fill, never a half-copied database.
 */
export async function seedFromTemplate(dir: string): Promise<void> {
  if ((await readdir(dir)).length > 0) return;
  let template: string;
  try {
    // A child process: when the template has to be built first, its initdb's memory goes with the child.
    template = (await promisify(execFile)(process.execPath, [TEMPLATE_SCRIPT])).stdout.trim();
  } catch {
    // No template and none can be made (say node_modules is read-only): PGlite runs initdb itself, as it always
    // could. Slower and heavier for this one process, but the bot starts.
    return;
  }
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await cp(template, partial, { recursive: true });
  await rm(dir, { recursive: true });
  await rename(partial, dir);
}
