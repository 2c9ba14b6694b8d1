// The one composition root: config → database, clock, playbooks → core. The bot (src/app.ts adds Slack and HTTP),
// the sandbox (through the bot) and the CLI all build the running system here, so they run the same core with the
// same settings. Nothing here imports Slack: adapters pass in what talks to Slack (the responder and membership
// checks, the outbox worker, the scheduled posts' posters), and the CLI loads no Slack code unless it posts.
import type { Config } from './config.js';
import { createCore, type Core, systemClock, type Clock, loadLibrary, loadRulesSync, type PlaybookLibrary } from './core/index.js';
import { loadRegimesSync } from './core/index.js';
import type { CoreDeps, AwarenessPoster, DigestPoster, OutboxPort } from './core/index.js';
import { openDatabase } from './db/client.js';
import type { Database } from './db/types.js';
import type { Logger } from './log.js';
import { logProblems } from './log-problems.js';
import { awarenessSettings, digestSettings, followupSettings, oobPlanSettings, reminderSettings } from './scheduled-posts.js';

/** What every running system is built on. */
export interface Foundation {
  config: Config;
  database: Database;
  /** The one clock: core, Slack's signature check and every cache read time from it. */
  clock: Clock;
  /** Absent for the CLI, which reports problems as one line on stderr rather than log lines. */
  logger?: Logger;
  playbooks: PlaybookLibrary;
}

/** How a foundation is built: each part given (tests, the sandbox) or made from the config. */
export interface FoundationOptions {
  /** An already open database, left open for its owner to close; otherwise one is opened from the config. */
  database?: Database;
  clock?: Clock;
  logger?: Logger;
}

/** What core gets from the adapter that runs it, beyond the config. */
export interface CoreOptions {
  /** Whether a Slack user is a responder (RESPONDERS may name a Slack user group); the CLI is trusted and never asks. */
  isResponder?: (userId: string) => Promise<boolean>;
  /** Slack channel membership, the refusal log and the decoy hit budget (src/core/context.ts). */
  access?: Pick<CoreDeps, 'isChannelMember' | 'onRefusal' | 'decoyHitAllowed'>;
  /** The Slack outbox worker, woken after a commit; without one (the CLI) a running bot's worker delivers. */
  outbox?: OutboxPort;
  /** How the scheduled posts reach Slack; without them core.awareness and core.digest are not set up. */
  posters?: { awareness: AwarenessPoster; digest: DigestPoster; members?: (channel: string) => Promise<string[]> };
}

/** The database, clock and playbooks for this config. */
export async function openFoundation(config: Config, options: FoundationOptions = {}): Promise<Foundation> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  // Side by side: opening the database mostly waits on the server (connecting, the migrations check) while reading the
  // playbooks keeps this thread busy parsing YAML, so a start pays for the longer of the two instead of both.
  const [database, playbooks] = await Promise.allSettled([options.database ?? openConfiguredDatabase(config, logger), loadPlaybooks(config, logger)]);
  if (database.status === 'rejected') throw database.reason;
  if (playbooks.status === 'rejected') {
    if (!options.database) await database.value.close();
    throw playbooks.reason;
  }
  return { config, database: database.value, clock, ...(logger ? { logger } : {}), playbooks: playbooks.value };
}

/** The core over a foundation, with the settings core cares about. */
export async function composeCore(base: Foundation, options: CoreOptions = {}): Promise<Core> {
  const { config } = base;
  return createCore({
    playbooks: base.playbooks,
    db: base.database.db,
    clock: base.clock,
    isResponder: options.isResponder ?? (async () => false),
    incidentTypes: config.incidentTypes,
    sensitiveTypes: config.sensitiveTypes,
    timezone: config.timezone,
    reviewRequired: config.reviewRequired,
    redactPatterns: config.redactPatterns,
    admins: config.admins,
    decoyDedupWindowMs: config.decoys.dedupWindowMs,
    phishingCampaignWindowMs: config.phishingCampaignWindowMs,
    ...(config.smtp ? { reporterEmail: true } : {}),
    ...(config.oobPlanFile ? { oobPlanFile: config.oobPlanFile } : {}),
    ...(config.rulesFile ? { rules: loadRulesSync(config.rulesFile, { incidentTypes: config.incidentTypes, playbookIds: base.playbooks.all().map((p) => p.id) }) } : {}),
    ...(config.archiveAfterMs !== undefined ? { archiveAfterMs: config.archiveAfterMs } : {}),
    ...options.access,
    // Declarations are announced through the outbox; without a worker here (the CLI) the bot's worker delivers them.
    ...(config.incidentChannel ? { announceChannel: config.incidentChannel } : {}),
    ...(options.outbox ? { outbox: options.outbox } : {}),
    // Every process: a change made from the CLI pages like one made in Slack (the bot's worker sends it).
    ...(config.pagerduty.routingKey ? { paging: { severities: config.pagerduty.severities, source: config.pagerduty.source } } : {}),
    reminders: reminderSettings(config, options.posters !== undefined),
    clocks: {
      regimes: config.clocks.regimesFile ? loadRegimesSync(config.clocks.regimesFile) : [],
      reminderOffsets: config.clocks.reminderOffsets,
      // Reminded when an incident has no commander: the people RESPONDERS names (a user group has no list here).
      responders: config.responders.filter((id) => /^[UW]/.test(id)),
    },
    // Every process: a question asked from the CLI is reminded and reported like one asked in Slack.
    asks: config.asks,
    ...(options.posters
      ? {
          awareness: await awarenessSettings(config, options.posters.awareness, base.logger),
          digest: digestSettings(config, options.posters.digest),
          followups: followupSettings(config),
          ...(options.posters.members ? { oobDistribution: oobPlanSettings(config, options.posters.members) } : {}),
        }
      : {}),
  });
}

/** A whole system for a short-lived caller (the CLI): foundation and core, and close() for the database it opened. */
export async function openSystem(config: Config, options: FoundationOptions & CoreOptions = {}): Promise<Foundation & { core: Core; close(): Promise<void> }> {
  const base = await openFoundation(config, options);
  const close = () => (options.database ? Promise.resolve() : base.database.close());
  try {
    return { ...base, core: await composeCore(base, options), close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * The built-in playbooks and PLAYBOOKS_DIR. Problems in custom files are logged loudly (one error line each) and
 * those files skipped, so one bad file never keeps the bot or the other playbooks from loading.
 */
export async function loadPlaybooks(config: Config, logger?: Logger): Promise<PlaybookLibrary> {
  const library = await loadLibrary({ ...(config.playbooksDir ? { customDir: config.playbooksDir } : {}), incidentTypes: config.incidentTypes });
  logProblems(library.problems, 'playbook', logger);
  return library;
}

/** Opens Postgres when DATABASE_URL is set, else PGlite under DATA_DIR. */
export function openConfiguredDatabase(config: Config, logger?: Logger): Promise<Database> {
  return config.database.url
    ? openDatabase(
        { kind: 'postgres', url: config.database.url, statementTimeoutMs: config.database.statementTimeoutMs, connectTimeoutMs: config.database.connectTimeoutMs },
        logger,
      )
    : openDatabase({ kind: 'pglite', dataDir: config.database.dataDir }, logger);
}
