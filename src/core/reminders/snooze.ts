// Snoozing and stopping an incident's update reminder (its buttons): one transaction each, which locks the incident,
// changes the reminder and appends the timeline event saying so.
import { AppError } from '../../shared/errors.js';
import { authorizeOnLocked } from '../access/authorize.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { OPEN_STATUSES, type Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { appendEvent } from '../timeline/queries.js';
import { noticeCardRefresh } from '../outbox/card-refresh.js';
import { remindersOf, saveReminders } from './queries.js';
import { SNOOZE_CHOICES, snoozeUntil, type Reminder, type SnoozeChoice } from './reminder.js';

/** What a snooze or a stop did. */
export interface ReminderChanged {
  incident: Incident;
  /** When the reminder comes back (a snooze). */
  until?: Date;
}

/** Holds the update reminder back for 30 minutes, 2 hours, or until tomorrow 09:00 (TIMEZONE). */
export async function snoozeReminder(deps: CoreDeps, actor: Actor, ref: string | undefined, choiceText: string): Promise<ReminderChanged> {
  const choice = SNOOZE_CHOICES.find((c) => c === choiceText.trim().toLowerCase());
  if (!choice) throw new AppError('invalid_input', `"${choiceText}" is not a snooze; choose ${SNOOZE_CHOICES.join(', ')}.`);
  return changeReminder(deps, actor, ref, async (incident, update, now) => {
    if (update.state === 'stopped') throw new AppError('invalid_input', `${incident.ref}'s update reminders are stopped; a status change or a note does not start them again.`);
    const until = snoozeUntil(choice, now, deps.timezone);
    return { row: { ...update, state: 'snoozed', dueAt: until }, event: { kind: 'reminder_snoozed', payload: { until: until.toISOString(), choice } }, until };
  });
}

/** Stops the update reminder of an incident (it starts again only if the incident ends and is reopened). */
export async function stopReminder(deps: CoreDeps, actor: Actor, ref: string | undefined): Promise<ReminderChanged> {
  return changeReminder(deps, actor, ref, async (incident, update) => {
    if (update.state === 'stopped') throw new AppError('invalid_input', `${incident.ref}'s update reminders are already stopped.`);
    return { row: { ...update, state: 'stopped', dueAt: null }, event: { kind: 'reminders_stopped', payload: { kind: 'update' } } };
  });
}

type ReminderEvent = { kind: 'reminder_snoozed'; payload: { until: string; choice: SnoozeChoice } } | { kind: 'reminders_stopped'; payload: { kind: 'update' } };

async function changeReminder(
  deps: CoreDeps,
  actor: Actor,
  ref: string | undefined,
  change: (incident: Incident, update: Reminder, now: Date) => Promise<{ row: Reminder; event: ReminderEvent; until?: Date }>,
): Promise<ReminderChanged> {
  const allowedOn = await authorizeOnLocked(deps, actor, 'incident.remind');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = await incidentByRefOrChannel(tx, ref, actor.channelId, { forUpdate: true });
    allowedOn(incident);
    const update = (await remindersOf(tx, incident.id)).find((r) => r.kind === 'update');
    // A button from an older message, pressed after the incident ended: nothing to snooze, and the reply says why.
    if (!OPEN_STATUSES.includes(incident.status) || !update || update.state === 'ended') {
      throw new AppError('invalid_input', `${incident.ref} is ${incident.status}; it has no update reminders to change.`);
    }
    const { row, event, until } = await change(incident, update, now);
    await saveReminders(tx, incident.id, [row], actor.id, now);
    const appended = await appendEvent(tx, incident.id, { ...event, actor: actor.id, source: actor.source }, now);
    // The card shows the next update deadline, which snoozing or stopping changes.
    await noticeCardRefresh(tx, { incident, event: appended ?? null, now });
    return { incident, ...(until ? { until } : {}) };
  });
}
