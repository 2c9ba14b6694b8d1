#!/usr/bin/env node
// Builds the embedded database's template: a PGlite data directory, initialised (initdb) and migrated (drizzle/), kept
// in node_modules/.cache/rampart/ and named after the PGlite version and the migrations that made it. A first start
// copies it instead of running initdb and every migration in the bot's process: initdb takes seconds and leaves that
// process holding several hundred MB it never gives back (it runs a second Postgres instance whose wasm code and
// memory stay mapped). Run at install (package.json `postinstall`, with --install: a failure there only warns), and by
// a first start that finds no template, as a child process so that memory goes when it exits. Prints the template's
// path. Plain JavaScript, so it runs at install before the TypeScript is built.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Written into the template's postgresql.conf. Postgres's default 128 MB buffer pool is touched in full by PGlite and
// stays resident; 16 MB holds a small team's working set, and reads beyond it come from the OS page cache.
// src/db/client.ts passes the same setting at every start, for data directories made before templates existed.
const INITDB_SETTINGS = ['-c', 'shared_buffers=16MB'];
const MIGRATIONS_DIR = fileURLToPath(new URL('../drizzle', import.meta.url));
const CACHE_DIR = fileURLToPath(new URL('../node_modules/.cache/rampart', import.meta.url));

const install = process.argv.includes('--install');
try {
  const dir = path.join(CACHE_DIR, `pglite-${pgliteVersion()}-${migrationsHash()}`);
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await build(dir);
  process.stdout.write(`${dir}\n`);
} catch (err) {
  if (!install) throw err;
  // The bot builds it on its first embedded start instead; a Postgres deployment never needs it.
  process.stderr.write(`rampart: could not prepare the embedded database template (${err.message}); a first start will.\n`);
}

function pgliteVersion() {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  return JSON.parse(readFileSync(path.join(entry, '../../package.json'), 'utf8')).version;
}

/** Changes with the migrations and with INITDB_SETTINGS, so a template is never used for another schema. */
function migrationsHash() {
  const hash = createHash('sha256').update(INITDB_SETTINGS.join(' '));
  const journal = readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8');
  hash.update(journal);
  for (const { tag } of JSON.parse(journal).entries) hash.update(readFileSync(path.join(MIGRATIONS_DIR, `${tag}.sql`)));
  return hash.digest('hex').slice(0, 12);
}

/** initdb and migrate into a directory of its own, then rename it into place: no reader sees a half-made template. */
async function build(dir) {
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const partial = `${dir}.${process.pid}.partial`;
  mkdirSync(CACHE_DIR, { recursive: true });
  const pg = await PGlite.create(partial, { initDbStartParams: INITDB_SETTINGS });
  try {
    await migrate(drizzle(pg), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await pg.close();
  }
  try {
    renameSync(partial, dir);
  } catch (err) {
    // Another process made it at the same time: theirs is as good as ours.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(path.join(dir, 'PG_VERSION'))) throw err;
  }
  // Templates for an earlier PGlite or earlier migrations (an upgrade) are 40 MB each and never used again.
  for (const name of readdirSync(CACHE_DIR)) {
    if (name.startsWith('pglite-') && name !== path.basename(dir) && !name.endsWith('.partial')) rmSync(path.join(CACHE_DIR, name), { recursive: true, force: true });
  }
}
