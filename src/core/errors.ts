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
  | 'not_incident_channel'
  | 'database_locked'
  | 'unknown_playbook'
  | 'already_running'
  | 'unknown_step'
  | 'note_required'
  | 'review_required';

/** An expected failure with a specific, user-facing message. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when err is an AppError (optionally with this code). */
export function isAppError(err: unknown, code?: ErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}
