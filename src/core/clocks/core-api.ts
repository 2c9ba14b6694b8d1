// Notification clocks as createCore offers them: the regimes on offer, start / notified / stop (the commander and
// responders, checked in core), lists for people, the card's and Home's summaries, and the sweep for the scheduler.
import type { Actor, CoreDeps } from '../context.js';
import { runDueClockReminders } from './fire.js';
import { regimesOf } from './locked.js';
import { recordNotified, stopClock, type ClockNotice } from './notify.js';
import { clockSummaries, clocksForActor } from './read.js';
import { startClock, type ClockStart } from './start.js';

/** Binds notification clocks to core's dependencies. */
export function clocksApi(deps: CoreDeps) {
  return {
    /** The regimes on offer: GDPR and NIS2, then NOTIFICATION_REGIMES_FILE's. */
    regimes: () => regimesOf(deps),
    /** Starts a regime's clock on an incident (ref may be left out in its channel). */
    start: (actor: Actor, ref: string | undefined, input: ClockStart) => startClock(deps, actor, ref, input),
    /** Records that a deadline's notice was given: when, to whom, a reference. */
    notified: (actor: Actor, ref: string | undefined, input: ClockNotice) => recordNotified(deps, actor, ref, input),
    /** Stops a running clock, with an optional reason. */
    stop: (actor: Actor, ref: string | undefined, input: { regime: string; reason?: string }) => stopClock(deps, actor, ref, input),
    /** One incident's clocks, or (no ref outside an incident channel) every running clock as the actor may see them. */
    list: (actor: Actor, ref: string | undefined) => clocksForActor(deps, actor, ref),
    /** Each incident's next unmet deadline and overdue count (trusted: for what renders incidents already checked). */
    summaries: (incidentIds: readonly number[]) => clockSummaries(deps.db, incidentIds, deps.clock.now()),
    /** Sends the reminders and overdue notices due now (trusted: the scheduler's minutely call; safe on every replica). */
    runDue: () => runDueClockReminders(deps),
  };
}
