// Coded errors: core throws them with a message fit to show the user; adapters decide how to show it.
// Anything that is not an AppError is unexpected and gets a correlation id instead of its details.

/** The codes core can throw; adapters may switch on them. */
export type ErrorCode =
  | 'invalid_input'
  | 'unknown_incident'
  | 'unknown_type'
  | 'invalid_severity'
  | 'invalid_status'
  | 'invalid_transition'
  | 'invalid_role'
  | 'not_authorized'
  | 'membership_unknown'
  | 'not_incident_channel'
  | 'database_locked'
  | 'unknown_playbook'
  | 'already_running'
  | 'unknown_step'
  | 'note_required'
  | 'review_required'
  /** Allowed and valid, but only once the person has confirmed (making a private incident public). */
  | 'confirmation_required'
  /** No credentials, or ones Rampart does not know (an alert source's token: the HTTP adapter answers 401). */
  | 'not_authenticated';

/**
 * Something the user can do next, named by what it does rather than how: Slack says `/incident list all`, the CLI
 * `rampart incidents`. Core's messages stay adapter-neutral and each adapter words the step as its own command.
 */
export type NextStep = { kind: 'list_incidents' };

/** An expected failure with a specific, user-facing message (and, optionally, the step that helps next). */
export class AppError extends Error {
  override readonly name = 'AppError';
  /** What the user can do next; adapters append it in their own words after the message. */
  readonly next: NextStep | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown; next?: NextStep },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.next = options?.next;
  }
}

/** True when err is an AppError (optionally with this code). */
export function isAppError(err: unknown, code?: ErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}

/**
 * How a database failure left a request: 'unreachable' when no connection could be made (nothing was sent, so nothing
 * was saved), 'lost' when the connection broke mid-request (a commit may or may not have landed). Postgres restarts,
 * failovers and network cuts look like this; they pass, so users are told to try again rather than given an error id.
 */
export type DatabaseOutage = 'unreachable' | 'lost';

// SQLSTATEs: 57P03 cannot_connect_now (starting up / shutting down), 08001 and 08004 refused at connect time;
// 57P01 admin_shutdown, 57P02 crash_shutdown, 08000/08003/08006 connection exceptions end a session in use.
const UNREACHABLE_CODES = new Set(['57P03', '08001', '08004', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const LOST_CODES = new Set(['57P01', '57P02', '08000', '08003', '08006', 'ECONNRESET', 'EPIPE']);
// node-postgres reports some of these only in its message text.
const UNREACHABLE_MESSAGES = [/timeout exceeded when trying to connect/i, /Connection terminated due to connection timeout/i];
const LOST_MESSAGES = [/^Connection terminated/i, /Client has encountered a connection error and is not queryable/i, /Client was closed and is not queryable/i];

/** Whether err (or an error it wraps, such as drizzle's "Failed query") is a database outage, and which kind. */
export function databaseOutageOf(err: unknown): DatabaseOutage | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return 'unreachable';
    if (typeof code === 'string' && LOST_CODES.has(code)) return 'lost';
    if (UNREACHABLE_MESSAGES.some((m) => m.test(e.message))) return 'unreachable';
    if (LOST_MESSAGES.some((m) => m.test(e.message))) return 'lost';
    // Several addresses tried at once (localhost as ::1 and 127.0.0.1) come back as one AggregateError.
    if (e instanceof AggregateError && e.errors.length > 0 && e.errors.every((x) => databaseOutageOf(x) === 'unreachable')) return 'unreachable';
  }
  return undefined;
}

/** What to tell a person (in Slack or at the CLI) when the database is unavailable. */
export function databaseOutageMessage(outage: DatabaseOutage): string {
  return outage === 'unreachable'
    ? "Rampart can't reach its database right now; nothing was saved. Try again in a moment."
    : 'Rampart lost its database connection during this request, so it may or may not have been saved. Check, then try again in a moment.';
}
