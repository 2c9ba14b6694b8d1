// Recording that a deadline's notice was given (when, to whom, a reference) and stopping a clock: one transaction each
// under the incident's lock that changes the clock, drops the reminders no longer needed and appends the event.
import { AppError } from '../../shared/errors.js';
import type { Actor, CoreDeps } from '../context.js';
import { noticeCardRefresh } from '../outbox/card-refresh.js';
import { mergeFound, redactedField } from '../redaction/apply.js';
import { appendEvent } from '../timeline/queries.js';
import { changeUnderLock, findRegime, redactedOrNull } from './locked.js';
import { deadlinesOf, dropPending, runningClock, setNotified, setStopped } from './queries.js';
import type { ClockView } from './read.js';
import { parseWhen } from './when.js';

/** A notice given: the regime, which deadline (default: the earliest not yet notified), when (default now), to whom, a reference. */
export interface ClockNotice {
  regime: string;
  deadline?: string;
  to: string;
  reference?: string;
  at?: string;
}

/** Records a deadline's notice on the incident's running clock of that regime (its commander and responders). */
export async function recordNotified(deps: CoreDeps, actor: Actor, ref: string | undefined, input: ClockNotice): Promise<ClockView> {
  const regime = findRegime(deps, input.regime);
  if (!input.to.trim()) throw new AppError('invalid_input', 'Say to whom the notice went (e.g. "CNIL" or "the national CSIRT").', { field: 'to' });
  const now = deps.clock.now();
  const at = parseWhen(input.at ?? 'now', now, deps.timezone);
  return changeUnderLock(deps, actor, ref, async (tx, incident) => {
    const clock = await runningClock(tx, incident.id, regime.id);
    if (!clock) throw new AppError('invalid_input', `${incident.ref} has no running ${regime.name} clock.`);
    if (at < clock.awareAt) throw new AppError('invalid_input', `A notice cannot be given before awareness (${clock.awareAt.toISOString()}).`);
    const deadlines = await deadlinesOf(tx, [clock.id]);
    const open = deadlines.filter((d) => !d.notifiedAt);
    const target = input.deadline ? deadlines.find((d) => d.deadline === input.deadline!.trim().toLowerCase()) : open[0];
    if (!target) {
      const ids = deadlines.map((d) => d.deadline).join(', ');
      throw new AppError('invalid_input', input.deadline ? `${regime.name} has no deadline "${input.deadline}"; its deadlines are ${ids}.` : `Every ${regime.name} deadline of ${incident.ref} is already notified.`);
    }
    if (target.notifiedAt) throw new AppError('invalid_input', `${regime.name}: “${target.label}” was already notified on ${target.notifiedAt.toISOString()}; a correction is a note.`);
    const to = redactedOrNull(tx, input.to);
    if (!to.text) throw new AppError('invalid_input', 'Say to whom the notice went (e.g. "CNIL" or "the national CSIRT").', { field: 'to' });
    const reference = redactedOrNull(tx, input.reference);
    await setNotified(tx, { clockId: clock.id, deadline: target.deadline, notifiedAt: at, notifiedTo: to.text, reference: reference.text, notifiedBy: actor.id });
    await dropPending(tx, { clockId: clock.id, deadline: target.deadline, now });
    const event = await appendEvent(
      tx,
      incident.id,
      {
        kind: 'clock_notified',
        actor: actor.id,
        source: actor.source,
        occurredAt: at,
        payload: {
          clockId: clock.id,
          regime: regime.id,
          regimeName: clock.regimeName,
          deadline: target.deadline,
          label: target.label,
          dueAt: target.dueAt.toISOString(),
          notifiedAt: at.toISOString(),
          to: to.text,
          ...(reference.text ? { reference: reference.text } : {}),
          late: at > target.dueAt,
          ...redactedField(mergeFound(to.found, reference.found)),
        },
      },
      now,
    );
    await noticeCardRefresh(tx, { incident, event, now });
    const after = await deadlinesOf(tx, [clock.id]);
    return { incident, clock, deadlines: after, notified: after.find((d) => d.deadline === target.deadline)! };
  });
}

/** Stops the incident's running clock of a regime, with an optional reason (e.g. no personal data after all). */
export async function stopClock(deps: CoreDeps, actor: Actor, ref: string | undefined, input: { regime: string; reason?: string }): Promise<ClockView> {
  const regime = findRegime(deps, input.regime);
  return changeUnderLock(deps, actor, ref, async (tx, incident, now) => {
    const clock = await runningClock(tx, incident.id, regime.id);
    if (!clock) throw new AppError('invalid_input', `${incident.ref} has no running ${regime.name} clock.`);
    const reason = redactedOrNull(tx, input.reason);
    await setStopped(tx, { id: clock.id, stoppedBy: actor.id, stoppedAt: now, stopReason: reason.text });
    await dropPending(tx, { clockId: clock.id, now });
    const event = await appendEvent(
      tx,
      incident.id,
      {
        kind: 'clock_stopped',
        actor: actor.id,
        source: actor.source,
        payload: { clockId: clock.id, regime: regime.id, regimeName: clock.regimeName, ...(reason.text ? { reason: reason.text } : {}), ...redactedField(reason.found) },
      },
      now,
    );
    await noticeCardRefresh(tx, { incident, event, now });
    return { incident, clock: { ...clock, state: 'stopped' as const, stoppedBy: actor.id, stoppedAt: now, stopReason: reason.text }, deadlines: await deadlinesOf(tx, [clock.id]) };
  });
}
