// Reading the names people are cached under (see notice.ts for how they get there).
import type { CoreDeps } from '../context.js';
import { namesOf } from './queries.js';

/** The cached names of these people (one query); people without a known name are left out. */
export function namesFor(deps: Pick<CoreDeps, 'db'>, userIds: readonly string[]): Promise<Map<string, string>> {
  return namesOf(deps.db, userIds);
}
