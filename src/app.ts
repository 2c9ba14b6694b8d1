// Composition root for the running bot: config → database → core → Slack app → HTTP server. Used by `npm start`
// (src/main.ts), the sandbox and the end-to-end tests, so all three run exactly the same code.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { sql } from 'drizzle-orm';
import type { Config } from './config.js';
import { createCore, type Core } from './core/core.js';
import { systemClock, type Clock } from './core/clock.js';
import { openDatabase, type Database } from './db/client.js';
import { loadLibrary, type PlaybookLibrary } from './core/playbooks/library.js';
import { formatProblem, type PlaybookProblem } from './core/playbooks/load.js';
import { createAwareness, type Awareness } from './core/awareness/awareness.js';
import type { AwarenessPoster } from './core/awareness/deps.js';
import { loadTips } from './core/awareness/tips.js';
import { startAwarenessScheduler } from './scheduler/awareness.js';
import { slackPoster } from './slack/services/awareness-poster.js';
import { realSleep, type Sleep } from './slack/services/retry.js';
import { createLogger, type Logger } from './log.js';
import { BackgroundWork } from './slack/background.js';
import { createSlackApp, registerListeners } from './slack/app.js';
import { responderCheck } from './slack/responders.js';

/** A running Rampart. */
export interface RampartApp {
  /** Base URL of the HTTP server; Slack requests go to `${url}/slack/events`. */
  url: string;
  core: Core;
  database: Database;
  /** Resolves when all Slack work started after acks has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** How the awareness poster waits between retries (tests record the waits instead of sleeping). */
  sleep?: Sleep;
  /** Run the awareness triggers (default: when AWARENESS_CHANNELS is set). */
  scheduler?: boolean;
  now?: () => number;
  clock?: Clock;
  logger?: Logger;
  /** An already open database (tests); otherwise one is opened from the config. */
  database?: Database;
  /** Web API retries on server errors (default 3; tests use 0). */
  slackRetries?: number;
}

/** Starts the bot. Slack credentials must be present (the caller checks them with a friendly message). */
export async function startRampart(config: Config, options: StartOptions = {}): Promise<RampartApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = options.database ?? (await openConfiguredDatabase(config, logger));
  const botToken = config.slack.botToken!;
  const client = new WebClient(botToken, { ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}), retryConfig: { retries: 0 } });
  const clock = options.clock ?? (options.now ? { now: () => new Date(options.now!()) } : systemClock);
  const playbooks = await loadPlaybooks(config, logger);
  const core = coreFor(config, database, clock, responderCheck(config.responders, client, logger), playbooks);
  // Its own client: rate-limited calls are rejected so the poster's retries (with the injectable sleep) handle them.
  const posterClient = new WebClient(botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const awareness = await awarenessFor(config, database, clock, slackPoster(posterClient, options.sleep ?? realSleep), logger);
  const background = new BackgroundWork(logger);
  const { app, requestListener, disconnect } = createSlackApp({
    botToken,
    ...(config.slack.signingSecret ? { signingSecret: config.slack.signingSecret } : {}),
    ...(config.slack.appToken ? { appToken: config.slack.appToken } : {}),
    ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}),
    retries: options.slackRetries ?? 3,
    logger,
    ...(options.now ? { now: options.now } : {}),
  });
  try {
    // Bolt's token check (auth.test). Awaited here so a bad token or an unreachable Slack fails start-up with its
    // error, instead of becoming an unhandled rejection later (or after stop(), when the API is already gone).
    await app.init();
  } catch (err) {
    if (!options.database) await database.close();
    throw err;
  }
  app.error(async (err) => {
    logger.error({ err }, 'unhandled Slack listener error');
  });
  registerListeners(app, { core, awareness, admins: config.admins, logger, background, incidentChannel: config.incidentChannel });

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      database.db
        .execute(sql`select 1`)
        .then(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'))
        .catch(() => res.writeHead(503, { 'content-type': 'application/json' }).end('{"ok":false,"error":"database unavailable"}'));
      return;
    }
    if (requestListener && req.method === 'POST' && path === '/slack/events') return requestListener(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  if (config.slack.appToken) await app.start();
  const scheduler = (options.scheduler ?? config.awareness.channels.length > 0) ? startAwarenessScheduler(awareness, logger) : undefined;
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  logger.info({ port, mode: config.slack.appToken ? 'socket' : 'http' }, 'Rampart is listening');

  let stopped = false;
  return {
    url: `http://${host}:${port}`,
    core,
    database,
    idle: () => background.idle(),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections would hold close() open.
      server.closeAllConnections();
      await closed;
      if (scheduler) await scheduler.stop();
      if (disconnect) await disconnect();
      await background.idle();
      if (!options.database) await database.close();
    },
  };
}

/** The core over a database, with the settings core cares about. */
export function coreFor(
  config: Config,
  database: Database,
  clock: Clock,
  isResponder: (userId: string) => Promise<boolean>,
  playbooks: PlaybookLibrary,
): Core {
  return createCore({
    playbooks,
    db: database.db,
    clock,
    isResponder,
    incidentTypes: config.incidentTypes,
    sensitiveTypes: config.sensitiveTypes,
    timezone: config.timezone,
    reviewRequired: config.reviewRequired,
  });
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

function logProblems(problems: readonly PlaybookProblem[], what: string, logger?: Logger): void {
  for (const p of problems) {
    const log = p.severity === 'error' ? logger?.error.bind(logger) : logger?.warn.bind(logger);
    log?.({ file: p.file, line: p.line, path: p.path }, `${what} problem: ${formatProblem(p)}`);
  }
}

/** The awareness programme over the database: built-in tips and AWARENESS_DIR (problems logged, like playbooks). */
export async function awarenessFor(config: Config, database: Database, clock: Clock, poster: AwarenessPoster, logger?: Logger): Promise<Awareness> {
  const tips = await loadTips({ ...(config.awareness.dir ? { customDir: config.awareness.dir } : {}), incidentTypes: config.incidentTypes });
  logProblems(tips.problems, 'awareness tip', logger);
  return createAwareness({
    db: database.db,
    clock,
    schedule: { name: 'weekly', cron: config.awareness.cron, timezone: config.awareness.timezone, graceMs: config.awareness.graceMs },
    channels: config.awareness.channels,
    tips,
    poster,
    replicaId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    // Far longer than a post takes, even with retries; a dead replica's slot is taken over after this.
    leaseMs: 5 * 60_000,
  });
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
