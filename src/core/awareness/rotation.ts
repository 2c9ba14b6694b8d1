// Which tip goes out next. Pure, so the rules are tested without a database: a queued tip first; otherwise a tip not
// used in the current round (no tip repeats until all have been used), preferring tips about incident types seen
// recently, in an order shuffled per round so the library is not walked alphabetically.
import { createHash } from 'node:crypto';

/** What the choice is made from. */
export interface RotationInput {
  /** Every tip id in the library, with its topics. */
  tips: { id: string; topics: readonly string[] }[];
  /** Tip ids already posted, oldest first. */
  history: readonly string[];
  /** Tip ids an admin queued, first to go first. */
  queue: readonly string[];
  /** Incident types declared recently (the programme learns from what actually happened). */
  recentTypes: readonly string[];
}

/** Why a tip was chosen, for `/awareness status` and the logs. */
export type Reason = 'queued' | 'recent-incident' | 'rotation';

/** The ids used in the current round: history is split into rounds, each ending when every tip has been used. */
export function currentRound(tipIds: readonly string[], history: readonly string[]): { used: Set<string>; round: number } {
  const all = new Set(tipIds);
  let used = new Set<string>();
  let round = 0;
  for (const id of history) {
    if (!all.has(id)) continue;
    used.add(id);
    if (used.size === all.size) {
      used = new Set();
      round += 1;
    }
  }
  return { used, round };
}

/** The next tip, or undefined when the library is empty. */
export function chooseTip(input: RotationInput): { id: string; reason: Reason } | undefined {
  const ids = input.tips.map((t) => t.id);
  const queued = input.queue.find((id) => ids.includes(id));
  if (queued) return { id: queued, reason: 'queued' };
  const { used, round } = currentRound(ids, input.history);
  const remaining = input.tips.filter((t) => !used.has(t.id)).sort((a, b) => shuffleKey(a.id, round).localeCompare(shuffleKey(b.id, round)));
  const recent = new Set(input.recentTypes);
  const preferred = remaining.find((t) => t.topics.some((topic) => recent.has(topic)));
  if (preferred) return { id: preferred.id, reason: 'recent-incident' };
  const next = remaining[0];
  return next && { id: next.id, reason: 'rotation' };
}

/** A stable per-round order: the same inputs always give the same tip, and each round has a different order. */
function shuffleKey(id: string, round: number): string {
  return createHash('sha256').update(`${round}:${id}`).digest('hex');
}
