// Starting a playbook on an incident: the playbook is copied into a run with every step open, in the same
// transaction as its playbook_started event. The incident row lock makes a double-clicked Start run once.
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { authorizeOnLocked } from '../access/authorize.js';
import { OPEN_STATUSES, type Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { appendEvent } from '../timeline/queries.js';
import { durationMs, numberedSteps, type Playbook } from './playbook.js';
import { insertRun, runsOf } from './queries.js';
import type { Run } from './run.js';
import { noticeCardRefresh } from '../outbox/card-refresh.js';

/** The playbook with this id, or a specific error naming how to list them. */
export function playbookById(deps: CoreDeps, id: string): Playbook {
  const playbook = deps.playbooks.get(id.trim());
  if (!playbook) throw new AppError('unknown_playbook', `There is no playbook "${id}". \`/incident playbooks\` lists them.`);
  return playbook;
}

/** Starts a playbook on an incident (named, or the one whose channel the request came from). */
export async function startPlaybook(deps: CoreDeps, actor: Actor, ref: string | undefined, playbookId: string): Promise<{ incident: Incident; run: Run }> {
  const playbook = playbookById(deps, playbookId);
  // Responders, and the incident's commander (checked once the incident is locked).
  const allowedOn = await authorizeOnLocked(deps, actor, 'playbook.start');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = await incidentByRefOrChannel(tx, ref, actor.channelId, { forUpdate: true });
    allowedOn(incident);
    if (!OPEN_STATUSES.includes(incident.status) && incident.status !== 'resolved') {
      throw new AppError('invalid_input', `${incident.ref} is ${incident.status}; reopen it before starting a playbook.`);
    }
    const running = (await runsOf(tx, [incident.id])).find((r) => r.playbook.id === playbook.id);
    if (running) {
      throw new AppError('already_running', `The “${playbook.title}” playbook is already running on ${incident.ref}; its checklist is in the incident channel.`, {
        runId: running.id,
      });
    }
    const dueAt = numberedSteps(playbook).map(({ step }) => (step.due ? new Date(now.getTime() + durationMs(step.due)!) : null));
    const run = await insertRun(tx, { incidentId: incident.id, playbook, startedBy: actor.id, startedAt: now, dueAt });
    const event = await appendEvent(
      tx,
      incident.id,
      {
        kind: 'playbook_started',
        actor: actor.id,
        source: actor.source,
        payload: { runId: run.id, playbookId: playbook.id, title: playbook.title, steps: run.steps.length },
      },
      now,
    );
    await noticeCardRefresh(tx, { incident, event, now });
    return { incident, run };
  });
}
