// A CLI test's database, as an operator's: a DATA_DIR copied from the run's migrated one, seeded through core at a
// fixed time and closed before any command runs, so `rampart …` (in this process) opens it as it would on a server.
// One per test file: the helper registers the file's beforeAll and afterAll.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { createCore, type Core } from '../../src/core/core.js';
import type { CoreDeps } from '../../src/core/context.js';
import { libraryOf } from '../../src/core/playbooks/library.js';
import { openDatabase } from '../../src/db/client.js';
import { rampartInProcess, type CliResult } from './cli.js';
import { copyMigratedDataDir } from './data-dir.js';

const TIMEZONE = 'Europe/Paris';

export interface SeedOptions {
  /** The seeding clock's start (default 2026-11-02T10:00:00Z). */
  at?: string;
  /** Incident types core knows (default other). */
  incidentTypes?: string[];
  /** Any other core setting the seed needs (an OOB plan file, …). */
  core?: Partial<CoreDeps>;
  /** Settings every command runs with, besides DATA_DIR and TIMEZONE. */
  env?: Record<string, string>;
}

export interface SeededCli {
  /** The file's temporary folder (the DATA_DIR is inside it), for other files a test writes. */
  dir: string;
  dataDir: string;
  /** Runs `rampart …` over the DATA_DIR. */
  rampart: (...args: string[]) => Promise<CliResult>;
  /** The same with more settings. */
  rampartWith: (env: Record<string, string>, ...args: string[]) => Promise<CliResult>;
}

/** The file's seeded DATA_DIR: `seed` runs once, before the file's tests, through a core on a fixed clock. */
export function seededCliDataDir(name: string, options: SeedOptions, seed: (core: Core, clock: ReturnType<typeof fixedClock>) => Promise<unknown>): SeededCli {
  const dir = mkdtempSync(path.join(tmpdir(), `rampart-${name}-`));
  const dataDir = path.join(dir, 'data');
  const rampartWith = (env: Record<string, string>, ...args: string[]) => rampartInProcess(args, { DATA_DIR: dataDir, TIMEZONE, ...options.env, ...env });

  beforeAll(async () => {
    await copyMigratedDataDir(dataDir);
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const clock = fixedClock(options.at ?? '2026-11-02T10:00:00Z');
      const core = createCore({
        playbooks: libraryOf([]),
        db: database.db,
        clock,
        isResponder: async () => true,
        incidentTypes: options.incidentTypes ?? ['other'],
        sensitiveTypes: [],
        timezone: TIMEZONE,
        reviewRequired: [],
        redactPatterns: [],
        admins: [],
        ...options.core,
      });
      await seed(core, clock);
    } finally {
      await database.close();
    }
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  return { dir, dataDir, rampart: (...args) => rampartWith({}, ...args), rampartWith };
}
