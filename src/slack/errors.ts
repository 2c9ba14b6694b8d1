// The one place that turns an error into what a Slack user reads. Expected (coded) errors show their specific
// message; anything else gets a short correlation id, logged with the full error, and never a stack trace.
import { randomBytes } from 'node:crypto';
import { databaseOutageMessage, databaseOutageOf, isAppError, type AppError, type NextStep } from '../shared/errors.js';
import type { Logger } from '../log.js';
import { md, type Mrkdwn } from './blocks/mrkdwn.js';

/** The text to show the user for err, as mrkdwn; unexpected errors are logged with the correlation id shown. */
export function userMessageFor(err: unknown, logger: Logger, context: Record<string, unknown> = {}): Mrkdwn {
  // A coded error's message can quote what the user typed: it is escaped whole, so nothing in it becomes markup.
  if (isAppError(err)) return md`:warning: ${withNextStep(err)}`;
  // A database outage (e.g. a Postgres restart) passes on its own: a plain "try again", no correlation id to chase.
  const outage = databaseOutageOf(err);
  if (outage) {
    logger.warn({ err, outage, ...context }, 'database unavailable');
    return md`:hourglass: ${databaseOutageMessage(outage)}`;
  }
  const correlationId = randomBytes(4).toString('hex');
  logger.error({ err, correlationId, ...context }, 'unexpected error');
  return md`:x: Something went wrong on our side. Check \`/incident show\` before retrying; if it keeps happening, give your admin this reference: \`${correlationId}\`.`;
}

/** The same as plain text, for places Slack does not read as mrkdwn (a modal's field errors). */
export function userTextFor(err: unknown, logger: Logger, context: Record<string, unknown> = {}): string {
  if (isAppError(err)) return `:warning: ${withNextStep(err)}`;
  return userMessageFor(err, logger, context).text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A coded error's message followed by its next step, worded as the Slack command that does it. */
export function withNextStep(err: AppError): string {
  return err.next ? `${err.message} ${SLACK_NEXT_STEP[err.next.kind]}` : err.message;
}

const SLACK_NEXT_STEP: Record<NextStep['kind'], string> = {
  list_incidents: '`/incident list all` shows them all.',
};
