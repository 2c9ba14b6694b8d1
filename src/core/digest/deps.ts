// What the weekly digest needs, passed in by the composition root. Slack stays behind the DigestPoster port.
import type { SlotDeps } from '../schedules/claim.js';
import type { Schedule } from '../schedules/schedule.js';
import type { Digest } from './digest.js';

/** Posting and finding digest messages; the Slack adapter implements it (with its own retries). */
export interface DigestPoster {
  /** Posts the digest with the slot key in its metadata; returns the message ts. */
  post(channel: string, digest: Digest, slotKey: string): Promise<{ ts: string }>;
  /** The bot's message carrying this slot key in a channel, posted after `since`, if there is one. */
  findPosted(channel: string, slotKey: string, since: Date): Promise<string | undefined>;
}

/** Dependencies of the digest: the slot machinery's (database, clock, replica, lease) and its own. */
export interface DigestDeps extends SlotDeps {
  /** TIMEZONE: the zone the schedule and the digest's dates are read in. */
  timezone: string;
  /** When it goes out; undefined when DIGEST_CRON is `off`. */
  schedule: Schedule | undefined;
  /** INCIDENT_CHANNEL; without one there is no digest. */
  channel: string | undefined;
  poster: DigestPoster;
}

/** The schedule name the weekly slots are claimed under (in the same table as the awareness slots). */
export const DIGEST_SCHEDULE = 'digest';
/** The schedule name manual posts (`digest send-now`) are recorded under. */
export const DIGEST_MANUAL_SCHEDULE = 'digest-send-now';
/**
 * How late a slot missed during downtime may still be posted. Fixed rather than AWARENESS_GRACE: a digest a day late
 * is still this week's news, and the awareness setting should not silently change it.
 */
export const DIGEST_GRACE_MS = 24 * 3_600_000;
/** The digest covers this long before its slot. */
export const DIGEST_WEEK_MS = 7 * 86_400_000;

/** What the composition root gives core for the digest: its schedule, channel, Slack port and slot identity. */
export type DigestSettings = Omit<DigestDeps, 'db' | 'clock' | 'timezone'>;
