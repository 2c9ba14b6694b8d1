// ALERTS_RATE_LIMIT, in memory per replica. Two budgets: authenticated requests count per source (a chatty script
// slows down only itself), and failed authentications count per client address (so a caller without a live token
// cannot make every request cost a database lookup). Only failures spend the address budget: a busy proxy in front
// of many good sources is never throttled by it.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** How many requests in how long (config's `60/1m`). */
export interface RateLimit {
  points: number;
  durationMs: number;
}

/** Allowed, or refused with how long until the next request would be allowed. */
export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

/** The two budgets of the alert route. */
export class AlertRates {
  private readonly perSource: RateLimiterMemory;
  private readonly failuresPerAddress: RateLimiterMemory;

  constructor(private readonly limit: RateLimit) {
    const duration = Math.max(1, Math.ceil(limit.durationMs / 1000));
    this.perSource = new RateLimiterMemory({ points: limit.points, duration, keyPrefix: 'alert-source' });
    this.failuresPerAddress = new RateLimiterMemory({ points: limit.points, duration, keyPrefix: 'alert-auth-failure' });
  }

  /** Spends one of the source's requests. */
  async spendSource(sourceId: number): Promise<RateDecision> {
    return decide(() => this.perSource.consume(String(sourceId)));
  }

  /** Whether this address has failed authentication too often lately (spends nothing). */
  async addressBlocked(address: string): Promise<RateDecision> {
    const res = await this.failuresPerAddress.get(address);
    return res && res.consumedPoints >= this.limit.points ? { ok: false, retryAfterMs: res.msBeforeNext } : { ok: true };
  }

  /** Records a failed authentication from this address. */
  async failedFrom(address: string): Promise<void> {
    await decide(() => this.failuresPerAddress.consume(address));
  }
}

async function decide(consume: () => Promise<unknown>): Promise<RateDecision> {
  try {
    await consume();
    return { ok: true };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { ok: false, retryAfterMs: err.msBeforeNext };
    throw err;
  }
}
