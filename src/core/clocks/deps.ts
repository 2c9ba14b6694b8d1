// What notification clocks need from the composition root: the regimes file's regimes, CLOCK_REMINDERS, and whom to
// remind when an incident has no commander.
import type { Regime } from './regime.js';

/** The clocks' settings; absent: the built-in regimes, the default reminders, nobody but the incident channel as fallback. */
export interface ClockSettings {
  /** NOTIFICATION_REGIMES_FILE's regimes, besides the built-in GDPR and NIS2 ones. */
  regimes: readonly Regime[];
  /** CLOCK_REMINDERS: how long before each deadline a reminder goes out (ms, longest first). */
  reminderOffsets: readonly number[];
  /** The user ids RESPONDERS lists (not a user group): reminded when the incident has no commander. */
  responders: readonly string[];
}
