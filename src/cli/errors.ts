// The one place that turns an error into what a CLI user reads: a single line on stderr, prefixed `rampart:`, and a
// non-zero exit code (1 for a failure, 2 for a usage error). Stack traces are shown only when asked for with
// LOG_LEVEL=debug, so a script's log stays readable and a URL with a password in it is never printed whole.
import { CommanderError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { databaseOutageMessage, databaseOutageOf, isAppError, type AppError, type NextStep } from '../shared/errors.js';
import { describeDatabaseError, redactDatabaseUrl } from '../db/connection-errors.js';
import { StdoutClosed } from './output.js';

/** Exit codes of the `rampart` command (documented in the README's CLI section). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * What to print (nothing when the line is empty) and the exit code, for an error that ended a command; env is the
 * run's environment (default: the process's), read only to name the database it used.
 */
export function explainCliError(err: unknown, env?: Record<string, string | undefined>): { line: string; code: number } {
  // Commander has already printed its own one-line message (see oneLineUsageErrors); --help and --version exit 0.
  if (err instanceof CommanderError) return { line: '', code: err.exitCode === 0 ? EXIT.ok : EXIT.usage };
  // The reader of our output went away (`| head`): it has what it wanted, so this is not a failure.
  if (err instanceof StdoutClosed) return { line: '', code: EXIT.ok };
  if (err instanceof ConfigError) return { line: `rampart: invalid configuration: ${err.problems.join('; ')}`, code: EXIT.usage };
  if (isAppError(err)) return { line: `rampart: ${withCliNextStep(err)}`, code: EXIT.failed };
  const config = configOrUndefined(env);
  const database = describeDatabaseError(err);
  if (database) return { line: `rampart: ${database} (${whichDatabase(config)})`, code: EXIT.failed };
  const outage = databaseOutageOf(err);
  if (outage) return { line: `rampart: ${databaseOutageMessage(outage)} (${whichDatabase(config)})`, code: EXIT.failed };
  const debug = config?.logLevel === 'debug' || config?.logLevel === 'trace';
  const stack = debug && err instanceof Error && err.stack ? `\n${err.stack}` : '';
  const hint = debug ? '' : ' (run with LOG_LEVEL=debug to see the stack trace)';
  return { line: `rampart: unexpected error: ${oneLine(err)}${hint}${stack}`, code: EXIT.failed };
}

/** A coded error's message followed by its next step, worded as the rampart command that does it. */
export function withCliNextStep(err: AppError): string {
  return err.next ? `${err.message} ${CLI_NEXT_STEP[err.next.kind]}` : err.message;
}

const CLI_NEXT_STEP: Record<NextStep['kind'], string> = {
  list_incidents: '`rampart incidents` lists them all.',
};

/** Names the database the CLI used, without its password: DATABASE_URL when set, else the embedded DATA_DIR. */
function whichDatabase(config: Config | undefined): string {
  if (!config) return 'DATABASE_URL or DATA_DIR';
  return config.database.url ? `DATABASE_URL=${redactDatabaseUrl(config.database.url)}` : `DATA_DIR=${config.database.dataDir}`;
}

function configOrUndefined(env: Record<string, string | undefined> | undefined): Config | undefined {
  try {
    return loadConfig(env);
  } catch {
    return undefined;
  }
}

function oneLine(err: unknown): string {
  const text = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
