// Every request names the people involved (who typed the command, clicked, reacted, or was mentioned). After the
// ack, the ones whose names are not cached yet, or are old, are looked up with users.info, so reports and the CLI
// can say "Alice Martin (U…)". This never delays the reply: it only schedules background work.
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { slackPeopleDirectory } from '../services/people-directory.js';

/** How long a person just checked is not checked again by this process (the database keeps the real age). */
const RECHECK_MS = 3_600_000;
/** Most people remembered as just checked, so the memory stays bounded. */
const MAX_REMEMBERED = 10_000;

/** The Slack user ids a request body names: its user, an event's user and item author, and any <@U…> mention. */
export function userIdsIn(body: unknown): string[] {
  const b = (body ?? {}) as Record<string, unknown>;
  const event = (b.event ?? {}) as Record<string, unknown>;
  const user = b.user as { id?: unknown } | string | undefined;
  const candidates = [b.user_id, typeof user === 'object' ? user?.id : user, event.user, event.item_user];
  const text = [b.text, event.text].filter((t): t is string => typeof t === 'string').join(' ');
  for (const m of text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)) candidates.push(m[1]);
  return [...new Set(candidates.filter((id): id is string => typeof id === 'string' && /^[UW][A-Z0-9]{2,}$/.test(id)))];
}

/** Registers the global middleware that notices people after each request. */
export function register(app: App, deps: SlackDeps, now: () => number = Date.now): void {
  const checked = new Map<string, number>();
  app.use(async ({ body, client, next }) => {
    await next();
    const ids = userIdsIn(body).filter((id) => now() - (checked.get(id) ?? -Infinity) > RECHECK_MS);
    if (ids.length === 0) return;
    if (checked.size > MAX_REMEMBERED) checked.clear();
    for (const id of ids) checked.set(id, now());
    deps.background.afterAck('notice people', async () => {
      await deps.core.people.notice(slackPeopleDirectory(client), ids);
    });
  });
}
