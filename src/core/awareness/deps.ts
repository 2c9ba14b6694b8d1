// What the awareness programme needs, passed in by the composition root. Slack stays behind the Poster port.
import type { SlotDeps } from '../schedules/claim.js';
import type { Schedule } from '../schedules/schedule.js';
import type { Tip } from './tip.js';
import type { CustomPattern } from '../../shared/redact.js';

/** Posting and finding awareness messages; the Slack adapter implements it (with its own retries). */
export interface AwarenessPoster {
  /** Posts the tip with the slot key in its metadata; returns the message ts and, if known, the channel's size. */
  post(channel: string, tip: Tip, slotKey: string): Promise<{ ts: string; audience?: number }>;
  /** The bot's message carrying this slot key in a channel, posted after `since`, if there is one. */
  findPosted(channel: string, slotKey: string, since: Date): Promise<string | undefined>;
}

/** The tips on offer. */
export interface TipSource {
  all(): Tip[];
  get(id: string): Tip | undefined;
}

/** Dependencies of the awareness programme: the slot machinery's (database, clock, replica, lease) and its own. */
export interface AwarenessDeps extends SlotDeps {
  schedule: Schedule;
  channels: readonly string[];
  tips: TipSource;
  poster: AwarenessPoster;
  /** REDACT_PATTERNS: a tip promoted from a lesson passes the same redaction step as everything people write. */
  redactPatterns: readonly CustomPattern[];
}

/** The schedule name manual posts (`send-now`) are recorded under. */
export const MANUAL_SCHEDULE = 'send-now';
/** Incidents of the last this-many days make tips about their types preferred. */
export const RECENT_DAYS = 30;

/** What the composition root gives core for the programme: its schedule, channels, tips, Slack port and slot identity. */
export type AwarenessSettings = Omit<AwarenessDeps, 'db' | 'clock' | 'redactPatterns'>;
