// Slack's rate limits applied to the emulator's Web API, on the emulator's clock (never real time): each numbered tier
// allows its calls per minute per method in any sliding 60-second window, and chat.postMessage allows a short burst
// per channel at one message a second, and events to the app are capped per hour (rows and sources in
// rate-limit-tiers.ts). Off unless the emulator is asked.
import { EVENTS_PER_HOUR, METHOD_LIMITS, POST_MESSAGE_PER_CHANNEL, TIER_PER_MINUTE, type Tier } from '../../slack/rate-limit-tiers.js';

/** How the emulator limits calls: the published floors by default, or other per-minute budgets (a benchmark's). */
export interface RateLimitSettings {
  /** Calls per minute for each numbered tier, over the published floor. */
  perMinute?: Partial<Record<Exclude<Tier, 'special'>, number>>;
  /** chat.postMessage messages allowed at once in one channel (the long-run rate stays one a second). */
  postMessageBurst?: number;
  /** Events delivered to the app in any hour (Slack's is 30,000 per workspace). */
  eventsPerHour?: number;
}

/** What becomes of an event over the Events API cap: delivered, dropped after an app_rate_limited notice, or dropped. */
export type EventFate = { kind: 'deliver' } | { kind: 'notify'; minute: number } | { kind: 'drop' };

/** A refusal: how many whole seconds until the call would be let through, as Slack's Retry-After header says. */
export interface RateLimited {
  retryAfterSeconds: number;
}

interface Window {
  limit: number;
  ms: number;
}

/** Sliding windows of accepted calls, one per method (per method and channel for chat.postMessage). */
export class RateLimiter {
  private readonly calls = new Map<string, number[]>();
  private readonly perMinute: Record<Exclude<Tier, 'special'>, number>;
  private readonly burst: number;
  private readonly eventsPerHour: number;
  private events: number[] = [];
  private notifiedMinute: number | undefined;

  constructor(settings: RateLimitSettings = {}) {
    this.perMinute = { ...TIER_PER_MINUTE, ...settings.perMinute };
    this.burst = Math.max(1, settings.postMessageBurst ?? POST_MESSAGE_PER_CHANNEL.burst);
    this.eventsPerHour = Math.max(1, settings.eventsPerHour ?? EVENTS_PER_HOUR);
  }

  /**
   * Counts an event Slack is about to deliver, or drops it: over the cap Slack sends no event, only an app_rate_limited
   * notice naming the minute (https://docs.slack.dev/reference/events/app_rate_limited), here once per minute limited.
   */
  takeEvent(now: number): EventFate {
    this.events = this.events.filter((at) => at > now - 3_600_000);
    if (this.events.length < this.eventsPerHour) {
      this.events.push(now);
      return { kind: 'deliver' };
    }
    const minute = Math.floor(now / 60_000) * 60;
    if (this.notifiedMinute === minute) return { kind: 'drop' };
    this.notifiedMinute = minute;
    return { kind: 'notify', minute };
  }

  /**
   * Counts a call at `now` against its window, or refuses it. A refused call is not counted: Retry-After then tells
   * the truth, and a caller that waits that long gets through.
   */
  take(method: string, params: Record<string, unknown>, now: number): RateLimited | undefined {
    const found = this.windowOf(method, params);
    if (!found) return undefined;
    const { key, window } = found;
    const kept = (this.calls.get(key) ?? []).filter((at) => at > now - window.ms);
    if (kept.length >= window.limit) {
      this.calls.set(key, kept);
      // The oldest call in the window leaves it at oldest + window; Slack's header is whole seconds, at least one.
      return { retryAfterSeconds: Math.max(1, Math.ceil((kept[0]! + window.ms - now) / 1_000)) };
    }
    kept.push(now);
    this.calls.set(key, kept);
    return undefined;
  }

  /** Forgets every window (a fresh workspace). */
  clear(): void {
    this.calls.clear();
    this.events = [];
    this.notifiedMinute = undefined;
  }

  private windowOf(method: string, params: Record<string, unknown>): { key: string; window: Window } | undefined {
    const limit = METHOD_LIMITS[method];
    if (!limit) return undefined;
    if (method === 'chat.postMessage') {
      const perSecond = POST_MESSAGE_PER_CHANNEL.perSecond;
      return { key: `${method} ${String(params.channel)}`, window: { limit: this.burst, ms: (this.burst / perSecond) * 1_000 } };
    }
    // Other Special methods publish no number, so they are not limited.
    if (limit.tier === 'special') return undefined;
    return { key: method, window: { limit: this.perMinute[limit.tier], ms: 60_000 } };
  }
}
