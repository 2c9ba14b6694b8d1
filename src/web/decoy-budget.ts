// DECOY_RATE_LIMIT, counted per source address AND per decoy, and only for hits that would be recorded (core asks
// after it has found the live decoy). Junk tokens never spend anything, and a flood against one decoy never uses up
// another's budget, so a visitor cannot blind a honeytoken by spending its source's budget first.
import { RateLimiterMemory } from 'rate-limiter-flexible';

/** Builds the check core's recordHit asks before recording a URL hit: true while this source has budget on this decoy. */
export function decoyHitBudget(rateLimit: { points: number; durationMs: number }): (source: string, decoyId: number) => Promise<boolean> {
  const limiter = new RateLimiterMemory({ points: rateLimit.points, duration: Math.max(1, Math.ceil(rateLimit.durationMs / 1000)) });
  return async (source, decoyId) => {
    try {
      await limiter.consume(`${decoyId} ${source}`);
      return true;
    } catch {
      return false;
    }
  };
}
