// Reading checklists: a run for display, the runs of an incident, and the open steps people still have to do.
import type { DbOrTx } from '../../db/types.js';
import type { Actor, CoreDeps } from '../context.js';
import { canSee, requireVisible } from '../incidents/access.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { findById, listIncidents } from '../incidents/queries.js';
import { AppError } from '../../shared/errors.js';
import { isMine } from './owners.js';
import { findRun, messagesOf, runsOf } from './queries.js';
import type { Run, RunStep } from './run.js';

/** An open step and where it belongs. */
export interface Task {
  incident: Incident;
  run: Pick<Run, 'id' | 'playbook'>;
  step: RunStep;
  mine: boolean;
}

/** A run and its incident, for rendering (no access check: callers got the run id from a message or a change). */
export async function checklist(deps: CoreDeps, runId: number): Promise<{ incident: Incident; run: Run }> {
  return runWithIncident(deps.db, runId);
}

/** A run and its incident, for the outbox worker rendering a checklist at delivery (a trusted caller). */
export async function runWithIncident(db: DbOrTx, runId: number): Promise<{ incident: Incident; run: Run }> {
  const run = await findRun(db, runId);
  const incident = run && (await findById(db, run.incidentId));
  if (!run || !incident) throw new AppError('unknown_step', 'That checklist no longer exists.');
  return { incident, run };
}

/**
 * The outbox key of a checklist page's first post (or of its repost after `replacing`, a message that was deleted):
 * the same key from the rule that started a run and from the checklist's refresh, so the page is posted once.
 */
export function checklistPageKey(runId: number, page: number, replacing?: string): string {
  return `run:${runId}:page:${page}:${replacing ?? 'first'}`;
}

/** The Slack messages showing a run, by page. */
export function checklistMessages(deps: CoreDeps, runId: number) {
  return messagesOf(deps.db, runId);
}

/**
 * Open steps: of one incident when named (or asked from its channel), else of every open incident the actor may see.
 * The actor's own steps come first, then by due time (soonest first; none last), then in checklist order.
 */
export async function openTasks(deps: CoreDeps, actor: Actor, ref: string | undefined): Promise<{ incident?: Incident; tasks: Task[] }> {
  const named = ref || actor.channelId ? await namedIncident(deps, actor, ref) : undefined;
  if (named) await requireVisible(deps, actor, named, 'playbook.tasks');
  const incidents = named ? [named] : await visibleOpen(deps, actor);
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const runs = await runsOf(deps.db, [...byId.keys()]);
  const tasks = runs.flatMap((run) =>
    run.steps
      .filter((s) => s.state === 'open')
      .map((step) => {
        const incident = byId.get(run.incidentId)!;
        return { incident, run: { id: run.id, playbook: run.playbook }, step, mine: isMine(step, incident, actor.id) };
      }),
  );
  tasks.sort(
    (a, b) =>
      Number(b.mine) - Number(a.mine) ||
      (a.step.dueAt?.getTime() ?? Infinity) - (b.step.dueAt?.getTime() ?? Infinity) ||
      a.incident.number - b.incident.number ||
      a.run.id - b.run.id ||
      a.step.number - b.step.number,
  );
  return named ? { incident: named, tasks } : { tasks };
}

/** The named incident, or the current channel's; outside an incident channel with no reference, none. */
async function namedIncident(deps: CoreDeps, actor: Actor, ref: string | undefined): Promise<Incident | undefined> {
  try {
    return await incidentByRefOrChannel(deps.db, ref, actor.channelId);
  } catch (err) {
    if (!ref && err instanceof AppError && err.code === 'not_incident_channel') return undefined;
    throw err;
  }
}

async function visibleOpen(deps: CoreDeps, actor: Actor): Promise<Incident[]> {
  const open = await listIncidents(deps.db, { all: false });
  const seen = await Promise.all(open.map(async (i) => ((await canSee(deps, actor, i)) ? i : undefined)));
  return seen.filter((i): i is Incident => i !== undefined);
}

/** The runs of one incident, oldest first. */
export async function runsForIncident(deps: CoreDeps, incidentId: number): Promise<Run[]> {
  return runsOf(deps.db, [incidentId]);
}
