// Running one Slack Web API call on behalf of an incident: a failure is recorded on the incident's timeline and
// returned as text for the user, never thrown: Slack trouble must not lose what is already stored.
import type { Core } from '../../core/index.js';
import type { Logger } from '../../log.js';

/** The Slack error code (e.g. channel_not_found) or message of a failed call. */
export function slackErrorOf(err: unknown): string {
  const e = err as { data?: { error?: string }; code?: string; message?: string };
  return e.data?.error ?? e.message ?? String(err);
}

/** Runs call; on failure records slack_call_failed and returns { error } describing it. */
export async function attempt<T>(
  deps: { core: Core; logger: Logger },
  incidentId: number,
  action: string,
  call: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    const error = slackErrorOf(err);
    deps.logger.warn({ err, action, incidentId }, 'Slack call failed');
    await deps.core.recordSlackOutcome(incidentId, { kind: 'slack_call_failed', action, error });
    return { ok: false, error: `${action} failed (${error})` };
  }
}
