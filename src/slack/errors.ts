// The one place that turns an error into what a Slack user reads. Expected (coded) errors show their specific
// message; anything else gets a short correlation id, logged with the full error, and never a stack trace.
import { randomBytes } from 'node:crypto';
import { databaseOutageMessage, databaseOutageOf, isAppError } from '../core/errors.js';
import type { Logger } from '../log.js';

/** The text to show the user for err; unexpected errors are logged with the correlation id shown. */
export function userMessageFor(err: unknown, logger: Logger, context: Record<string, unknown> = {}): string {
  if (isAppError(err)) return `:warning: ${err.message}`;
  // A database outage (e.g. a Postgres restart) passes on its own: a plain "try again", no correlation id to chase.
  const outage = databaseOutageOf(err);
  if (outage) {
    logger.warn({ err, outage, ...context }, 'database unavailable');
    return `:hourglass: ${databaseOutageMessage(outage)}`;
  }
  const correlationId = randomBytes(4).toString('hex');
  logger.error({ err, correlationId, ...context }, 'unexpected error');
  return `:x: Something went wrong on our side. Check \`/incident show\` before retrying; if it keeps happening, give your admin this reference: \`${correlationId}\`.`;
}
