// Starting a notification clock: awareness (now, or back-dated with a reason), the regime's deadlines counted from it,
// a reminder row per reminder time and the overdue notice, and clock_started, in one transaction. A back-dated
// awareness can put a deadline in the past: its overdue notice is then due at once, and the next sweep sends it.
import { AppError } from '../../shared/errors.js';
import type { Actor, CoreDeps } from '../context.js';
import { noticeCardRefresh } from '../outbox/card-refresh.js';
import { mergeFound, redactedField } from '../redaction/apply.js';
import { BACKDATED_THRESHOLD_MS } from '../timeline/events.js';
import { appendEvent } from '../timeline/queries.js';
import { changeUnderLock, findRegime, redactedOrNull } from './locked.js';
import { plannedReminders } from './notification-clock.js';
import { insertClock, runningClock } from './queries.js';
import { DEFAULT_CLOCK_REMINDERS, deadlineAt, parseReminderOffsets } from './regime.js';
import type { ClockView } from './read.js';
import { parseWhen } from './when.js';

/** What starting a clock takes: the regime's id, awareness (default now), the back-dating reason, why it applies. */
export interface ClockStart {
  regime: string;
  aware?: string;
  reason?: string;
  why?: string;
}

/** Starts a regime's clock on an incident (its commander and responders); one running clock per regime. */
export async function startClock(deps: CoreDeps, actor: Actor, ref: string | undefined, input: ClockStart): Promise<ClockView> {
  const regime = findRegime(deps, input.regime);
  const now = deps.clock.now();
  const awareAt = parseWhen(input.aware ?? 'now', now, deps.timezone);
  const backdated = now.getTime() - awareAt.getTime() > BACKDATED_THRESHOLD_MS;
  if (backdated && !input.reason?.trim()) {
    throw new AppError('invalid_input', 'Awareness is back-dated: say why (e.g. "the DPO heard of it on Monday"), so the timeline shows what the clock counts from.', { field: 'reason' });
  }
  const offsets = deps.clocks?.reminderOffsets ?? parseReminderOffsets(DEFAULT_CLOCK_REMINDERS);
  return changeUnderLock(deps, actor, ref, async (tx, incident) => {
    if (await runningClock(tx, incident.id, regime.id)) {
      throw new AppError('invalid_input', `${incident.ref} already has a running ${regime.name} clock; record its notices or stop it first.`);
    }
    const reason = backdated ? redactedOrNull(tx, input.reason) : { text: null, found: [] };
    const why = redactedOrNull(tx, input.why);
    const deadlines = regime.deadlines.map((d) => ({ deadline: d.id, label: d.label, dueAt: deadlineAt(awareAt, d.after, deps.timezone) }));
    const reminders = deadlines.flatMap((d) => plannedReminders(d.dueAt, offsets, now).map((r) => ({ deadline: d.deadline, ...r })));
    const stored = await insertClock(tx, {
      clock: { incidentId: incident.id, regime: regime.id, regimeName: regime.name, awareAt, backdateReason: reason.text, why: why.text, startedBy: actor.id, startedAt: now },
      deadlines,
      reminders,
    });
    const event = await appendEvent(
      tx,
      incident.id,
      {
        kind: 'clock_started',
        actor: actor.id,
        source: actor.source,
        payload: {
          clockId: stored.clock.id,
          regime: regime.id,
          regimeName: regime.name,
          awareAt: awareAt.toISOString(),
          ...(backdated ? { backdated: true as const, reason: reason.text ?? '' } : {}),
          ...(why.text ? { why: why.text } : {}),
          deadlines: deadlines.map((d) => ({ deadline: d.deadline, label: d.label, dueAt: d.dueAt.toISOString() })),
          ...redactedField(mergeFound(reason.found, why.found)),
        },
      },
      now,
    );
    // The card shows the next deadline.
    await noticeCardRefresh(tx, { incident, event, now });
    return { incident, clock: stored.clock, deadlines: stored.deadlines };
  });
}
