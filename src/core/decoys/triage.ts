// Sorting decoy requests before recording: most requests under DECOY_PATH name no live decoy (scanners, guesses, a
// flood meant to hide a real hit). One query answers for a whole batch, so junk costs next to nothing and cannot
// hold up the queue in front of a live token's hit.
import type { CoreDeps } from '../context.js';
import { presentedText, type DecoyRequest } from './sightings.js';
import { liveTokensAmong } from './queries.js';

/**
 * The requests that may record something: their path token is a live decoy's, or one of their headers presents a
 * live credential decoy. Order is kept.
 */
export async function worthRecording(deps: Pick<CoreDeps, 'db'>, reqs: readonly DecoyRequest[]): Promise<DecoyRequest[]> {
  const live = await liveTokensAmong(deps.db, reqs.map((r) => r.token));
  return reqs.filter((r) => {
    if (live.paths.has(r.token)) return true;
    if (live.credentials.length === 0) return false;
    const presented = presentedText(r);
    return live.credentials.some((t) => presented.includes(t));
  });
}
