// `/incident playbooks|playbook|tasks`: what playbooks there are, starting one, and the open steps.
import type { Actor } from '../../../../core/index.js';
import { playbookList, taskList } from '../../../blocks/playbooks.js';
import type { IncidentRequest } from '../../../parse/command.js';
import type { Outcome, SlackDeps } from '../../../deps.js';
import { startAndShow } from '../../actions/start-playbook.js';

type Req<S extends IncidentRequest['sub']> = Extract<IncidentRequest, { sub: S }>;

/** The playbooks on offer. */
export function playbooks(deps: SlackDeps): Outcome {
  const library = deps.core.playbooks.library;
  return { reply: playbookList(library.all(), (id) => library.origin(id)?.custom === true) };
}

/** Starts a playbook by hand. */
export function playbook(deps: SlackDeps, actor: Actor, req: Req<'playbook'>): Promise<Outcome> {
  return startAndShow(deps, actor, req.ref, req.playbookId);
}

/** Open steps, the caller's first. */
export async function tasks(deps: SlackDeps, actor: Actor, req: Req<'tasks'>): Promise<Outcome> {
  const { incident, tasks: open } = await deps.core.playbooks.tasks(actor, req.ref);
  return { reply: taskList(open, incident, deps.core.now()) };
}
