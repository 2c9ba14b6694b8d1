// `npm start`: the bot for a real Slack workspace. Checks settings, starts, and shuts down cleanly on SIGINT/SIGTERM
// (closing PGlite properly matters: an interrupted write can corrupt its data directory).
import { ConfigError, loadConfig, requireSlackCredentials } from './config.js';
import { startRampart } from './app.js';
import { createLogger } from './log.js';
import { databaseOutageMessage, databaseOutageOf, isAppError } from './shared/errors.js';
import { describeDatabaseError, redactDatabaseUrl } from './db/connection-errors.js';
import type { Logger } from './log.js';

/** Runs the bot until a signal; returns the process exit code on a start-up failure. */
export async function runBot(): Promise<number> {
  let config;
  try {
    config = loadConfig();
    requireSlackCredentials(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  let rampart;
  try {
    rampart = await startRampart(config, { logger });
  } catch (err) {
    // Start-up failures (a locked data directory, an unreachable database, a token Slack rejects) are told plainly.
    const slackError = (err as { data?: { error?: string } }).data?.error;
    const database = describeDatabaseError(err);
    const outage = databaseOutageOf(err);
    const where = config.database.url ? `DATABASE_URL=${redactDatabaseUrl(config.database.url)}` : `DATA_DIR=${config.database.dataDir}`;
    const reason = isAppError(err)
      ? err.message
      : database
        ? `Could not start: ${database} (${where}).`
        : outage
          ? `${databaseOutageMessage(outage)} (${where})`
          : slackError
          ? `Slack rejected the bot token (${slackError}); check SLACK_BOT_TOKEN.`
          : `Could not start: ${(err as Error).message}`;
    logger.error({ err }, 'start-up failed');
    process.stderr.write(`${reason}\n`);
    return 1;
  }
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    rampart.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.on('unhandledRejection', (err) => onUnhandledRejection(err, logger));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  return new Promise<number>(() => {});
}

/**
 * Node ends the process on an unhandled rejection. One caused by a database outage (a promise some library left
 * dangling when Postgres restarted) must not take the bot down: the pool reconnects once the server is back. Anything
 * else is a bug, so it is logged and the process exits for its supervisor to restart, as Node would have.
 */
export function onUnhandledRejection(err: unknown, logger: Logger): void {
  if (databaseOutageOf(err)) {
    logger.warn({ err }, 'database unavailable (unhandled rejection); still running');
    return;
  }
  logger.fatal({ err }, 'unhandled rejection');
  process.exitCode = 1;
  // Let pino flush the line above before the process goes.
  setImmediate(() => process.exit(1));
}
