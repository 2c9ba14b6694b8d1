// What the awareness programme needs, passed in by the composition root. Slack stays behind the Poster port.
import type { Db } from '../../db/types.js';
import type { Clock } from '../clock.js';
import type { Schedule } from './schedule.js';
import type { Tip } from './tip.js';

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

/** Dependencies of the awareness programme. */
export interface AwarenessDeps {
  db: Db;
  clock: Clock;
  schedule: Schedule;
  channels: readonly string[];
  tips: TipSource;
  poster: AwarenessPoster;
  /** Names this process in claims, so a replica recognises its own. */
  replicaId: string;
  /** How long a claim is held before another replica may take it over. */
  leaseMs: number;
}

/** The schedule name manual posts (`send-now`) are recorded under. */
export const MANUAL_SCHEDULE = 'send-now';
/** Incidents of the last this-many days make tips about their types preferred. */
export const RECENT_DAYS = 30;
