// Keeps the outbox within Slack's published rate limits (rate-limit-tiers.ts), so Slack rarely has to refuse: each
// numbered tier's calls per minute per method, and chat.postMessage one a second per channel. A sliding window of the
// last calls per method, as the limits are stated ("per minute"): whatever window Slack really counts in, no 60 s span
// ever holds more than the tier allows. After a 429, nothing more of that method (that channel, for chat.postMessage)
// goes before Retry-After has passed.
// Per process: replicas each pace themselves and do not share a budget, so two of them bursting together can still be
// refused; Slack's Retry-After is the backstop (the refused row waits what it says, then goes again).
// Not a library: rate-limiter-flexible and the like read the system clock, and this runs on the injected clock and
// sleep (tests and the benchmark move a fake one), besides reserving a slot for a row it sends away.
import { METHOD_LIMITS, POST_MESSAGE_PER_CHANNEL, TIER_PER_MINUTE } from '../rate-limit-tiers.js';
import type { Sleep } from '../services/retry.js';

/** How the pacer reads time and waits. */
export interface PacerOptions {
  now: () => number;
  sleep: Sleep;
  /** The longest wait made in place; a later slot sends the row away until then (PacingDeferred). */
  maxWaitMs: number;
  /** Added to every window: a call sent on time may reach Slack a little later than an earlier one did. */
  marginMs: number;
}

/** The next slot for this call is too far off to hold the row for: deliver it at `at` instead. */
export class PacingDeferred extends Error {
  override readonly name = 'PacingDeferred';
  constructor(
    readonly method: string,
    readonly at: number,
  ) {
    super(`${method} paced to ${new Date(at).toISOString()}`);
  }
}

interface Budget {
  key: string;
  limit: number;
  windowMs: number;
}

/** Slack's per-method limits, applied to this process's calls. */
export class SlackPacer {
  /** Each key's latest `limit` slots (sent, or reserved for a call about to go), ascending. */
  private readonly slots = new Map<string, number[]>();
  private readonly heldUntil = new Map<string, number>();
  /** Slots reserved for a row sent away (`owner key`), so it goes through when it comes back instead of queueing again. */
  private readonly promised = new Map<string, number>();

  constructor(private readonly opts: PacerOptions) {}

  /**
   * Waits for the call's slot (`owner` is the outbox row's key), or throws PacingDeferred when the slot is further off
   * than maxWaitMs. Methods Slack publishes no number for go at once. Returns what to call once Slack has answered.
   */
  async take(method: string, params: Record<string, unknown>, owner: string): Promise<() => void> {
    const budget = budgetOf(method, params, this.opts.marginMs);
    if (!budget) return () => {};
    const now = this.opts.now();
    const promiseKey = `${owner} ${budget.key}`;
    const promised = this.promised.get(promiseKey);
    this.promised.delete(promiseKey);
    // A promise made before a 429 is void: the slot goes after Retry-After like any other.
    const at = promised !== undefined && promised >= (this.heldUntil.get(budget.key) ?? 0) ? promised : this.reserve(budget, now);
    if (at - now > this.opts.maxWaitMs) {
      this.promised.set(promiseKey, at);
      this.forgetPromisesBefore(now);
      throw new PacingDeferred(method, at);
    }
    if (at > now) await this.opts.sleep(at - now);
    return () => this.answered(budget.key, at);
  }

  /** Slack refused the call: hold its method (its channel, for chat.postMessage) until Retry-After has passed. */
  refused(method: string, params: Record<string, unknown>, retryAfterMs: number): void {
    const key = budgetOf(method, params, 0)?.key ?? method;
    this.heldUntil.set(key, Math.max(this.heldUntil.get(key) ?? 0, this.opts.now() + retryAfterMs));
  }

  /** Forgets every slot, hold and promise (a test harness reusing one bot). */
  clear(): void {
    this.slots.clear();
    this.heldUntil.clear();
    this.promised.clear();
  }

  /**
   * Slack counted the call when it arrived, somewhere between the slot and its answer: the answer's time stands for it,
   * so a call slow to arrive cannot make the next window's first call look early.
   */
  private answered(key: string, slot: number): void {
    const slots = this.slots.get(key);
    const i = slots?.indexOf(slot) ?? -1;
    if (!slots || i < 0) return;
    slots[i] = Math.max(slot, this.opts.now());
    slots.sort((a, b) => a - b);
  }

  /** The earliest slot that keeps every window within the limit, after any hold; booked at once. */
  private reserve(budget: Budget, now: number): number {
    const slots = this.slots.get(budget.key) ?? [];
    let at = Math.max(now, this.heldUntil.get(budget.key) ?? 0);
    // `limit` slots already in the window that ends at `at` would make this one too many: wait for the oldest to leave.
    if (slots.length >= budget.limit) at = Math.max(at, slots[slots.length - budget.limit]! + budget.windowMs);
    slots.push(at);
    slots.sort((a, b) => a - b);
    if (slots.length > budget.limit) slots.splice(0, slots.length - budget.limit);
    this.slots.set(budget.key, slots);
    return at;
  }

  /** Promises whose row never came back (another replica took it) would otherwise pile up. */
  private forgetPromisesBefore(now: number): void {
    if (this.promised.size < 1_000) return;
    for (const [key, at] of this.promised) if (at < now) this.promised.delete(key);
  }
}

/** What limits a call: its method's tier per minute, or chat.postMessage's one a second in its channel. */
function budgetOf(method: string, params: Record<string, unknown>, marginMs: number): Budget | undefined {
  const limit = METHOD_LIMITS[method];
  if (!limit) return undefined;
  if (method === 'chat.postMessage') {
    // Slack allows short bursts but publishes no size: one a second is the rate it promises.
    return { key: `${method} ${String(params.channel)}`, limit: 1, windowMs: 1_000 / POST_MESSAGE_PER_CHANNEL.perSecond + marginMs };
  }
  if (limit.tier === 'special') return undefined;
  return { key: method, limit: TIER_PER_MINUTE[limit.tier], windowMs: 60_000 + marginMs };
}
