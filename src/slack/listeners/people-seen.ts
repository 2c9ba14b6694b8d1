// Every handled request names the people involved (who typed the command or clicked, and who was mentioned). After
// the ack, the ones whose names are not cached yet, or are old, are looked up with users.info, so reports and the CLI
// can say "Alice Martin (U…)". This never delays the reply: it only schedules background work.
import type { WebClient } from '@slack/web-api';
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

/**
 * What the adapter calls once a request has been handled without a refusal: schedules, after the ack, the look-up of
 * the people it names whose names are not cached yet or are old. A refused or malformed request notices nobody, so it
 * still writes nothing.
 */
export function peopleNoticer(deps: Pick<SlackDeps, 'core' | 'background'>, now: () => number = Date.now): (client: WebClient, ids: readonly string[]) => void {
  const checked = new Map<string, number>();
  return (client, named) => {
    const ids = [...new Set(named)].filter((id) => /^[UW][A-Z0-9]{2,}$/.test(id) && now() - (checked.get(id) ?? -Infinity) > RECHECK_MS);
    if (ids.length === 0) return;
    if (checked.size > MAX_REMEMBERED) checked.clear();
    for (const id of ids) checked.set(id, now());
    deps.background.afterAck('notice people', async () => {
      await deps.core.people.notice(slackPeopleDirectory(client), ids);
    });
  };
}
