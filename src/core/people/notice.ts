// Remembering what people are called: the Slack adapter reports the user ids it sees; those never looked up, or
// looked up more than PROFILE_MAX_AGE_MS ago, are asked of the directory and cached. Names are free text the person
// chose, so they are stored through the redaction step like any other text.
import type { CoreDeps } from '../context.js';
import { redactFor } from '../redaction/apply.js';
import { isUserId, PROFILE_MAX_AGE_MS, type PeopleDirectory } from './directory.js';
import { fetchedTimes, saveProfile } from './queries.js';

type PeopleDeps = Pick<CoreDeps, 'db' | 'clock' | 'redactPatterns'>;

/** Most lookups one call makes, so a message naming many people cannot start a burst of directory calls. */
const MAX_LOOKUPS = 20;

/**
 * Looks up the people among `userIds` whose names are missing or stale and caches what the directory says. Returns
 * the ids it looked up. A person the directory does not know is cached with no name, so they are not asked for again
 * until the entry is stale.
 */
export async function noticePeople(deps: PeopleDeps, directory: PeopleDirectory, userIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(userIds.filter(isUserId))];
  if (ids.length === 0) return [];
  const fetched = await fetchedTimes(deps.db, ids);
  const now = deps.clock.now();
  const due = ids.filter((id) => {
    const at = fetched.get(id);
    return !at || now.getTime() - at.getTime() > PROFILE_MAX_AGE_MS;
  });
  for (const userId of due.slice(0, MAX_LOOKUPS)) {
    const profile = await directory.lookup(userId);
    await saveProfile(deps.db, {
      userId,
      name: redactFor(deps, profile?.name.trim() ?? '').text,
      realName: redactFor(deps, profile?.realName.trim() ?? '').text,
      fetchedAt: now,
    });
  }
  return due.slice(0, MAX_LOOKUPS);
}
