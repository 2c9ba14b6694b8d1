// A person's App Home, read in one place so every access rule applies: open incidents only when they may see them
// (private ones only for their viewers, src/core/access), the awareness figures only for admins.
import type { Actor, CoreDeps } from '../context.js';
import { authorize, isAllowed } from '../access/authorize.js';
import { RULES } from '../access/rules.js';
import { canSee } from '../incidents/access.js';
import type { Incident } from '../incidents/incident.js';
import { listIncidents } from '../incidents/queries.js';
import { isMine } from '../playbooks/owners.js';
import { runsOf } from '../playbooks/queries.js';
import { ackStats } from '../awareness/acknowledge.js';
import { isPaused } from '../schedules/queries.js';
import { nextSlot } from '../schedules/schedule.js';
import { isAppError } from '../../shared/errors.js';
import { homeIncident, isMineToRun, type Home, type HomeAwareness, type HomeSections, type HomeStep } from './home.js';
import { noteViewer, pageOf } from './queries.js';
import { openFollowupsOf } from '../followups/read.js';
import { updateDeadlines } from '../reminders/queries.js';
import { clockSummaries } from '../clocks/read.js';

/** Records that the person opened App Home (and the page, when they turned one), then reads it. */
export async function openHome(deps: CoreDeps, actor: Actor, opts: { page?: number } = {}): Promise<Home> {
  await authorize(deps, actor, 'home.view');
  const page = await noteViewer(deps.db, { userId: actor.id, at: deps.clock.now(), ...(opts.page !== undefined ? { page: Math.max(1, Math.floor(opts.page)) } : {}) });
  return homeFor(deps, actor, page);
}

/** The person's Home tab on the page they were last on, recording nothing (a refresh after a change). */
export async function readHome(deps: CoreDeps, actor: Actor): Promise<Home> {
  await authorize(deps, actor, 'home.view');
  return homeFor(deps, actor, await pageOf(deps.db, actor.id));
}

async function homeFor(deps: CoreDeps, actor: Actor, page: number): Promise<Home> {
  const { visible, incomplete } = await visibleOpen(deps, actor);
  const open = visible.map((i) => homeIncident(i, actor.id));
  const awareness = (await isAllowed(deps, actor, RULES['awareness.manage'])) ? await awarenessFigures(deps) : undefined;
  return {
    userId: actor.id,
    page,
    mine: open.filter(isMineToRun),
    steps: await openStepsOf(deps, actor.id, visible),
    open,
    incomplete,
    ...(awareness ? { awareness } : {}),
    extra: await extraSections(deps, actor, visible),
  };
}

/** Open incidents the actor may see, newest first; those Slack could not vouch for are left out and flagged. */
async function visibleOpen(deps: CoreDeps, actor: Actor): Promise<{ visible: Incident[]; incomplete: boolean }> {
  let incomplete = false;
  const checked = await Promise.all(
    (await listIncidents(deps.db, { all: false })).map(async (incident) => {
      try {
        return (await canSee(deps, actor, incident)) ? incident : undefined;
      } catch (err) {
        if (!isAppError(err, 'membership_unknown')) throw err;
        incomplete = true;
        return undefined;
      }
    }),
  );
  return { visible: checked.filter((i): i is Incident => i !== undefined), incomplete };
}

/**
 * The person's open steps across these incidents: assigned to them, or theirs through the role the step names (the
 * per-person read of open tasks; `/incident tasks` reads one incident's or everyone's). Soonest due first.
 */
export async function openStepsOf(deps: Pick<CoreDeps, 'db'>, userId: string, incidents: readonly Incident[]): Promise<HomeStep[]> {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const runs = await runsOf(deps.db, [...byId.keys()]);
  const steps = runs.flatMap((run) => {
    const incident = byId.get(run.incidentId)!;
    return run.steps
      .filter((s) => s.state === 'open' && isMine(s, incident, userId))
      .map((s) => ({ ref: incident.ref, channelId: incident.channelId, playbook: run.playbook.title, number: s.number, title: s.step.title, dueAt: s.dueAt, order: [incident.number, run.id] as const }));
  });
  steps.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.number - b.number);
  return steps.map(({ order: _order, ...step }) => step);
}

/** The awareness programme's next post and last week's acknowledgement rate (callers checked the actor is an admin). */
async function awarenessFigures(deps: CoreDeps): Promise<HomeAwareness> {
  if (!deps.awareness) return { setUp: false };
  const { schedule } = deps.awareness;
  const { byChannel } = await ackStats(deps, 1);
  const acks = byChannel.reduce((n, c) => n + c.acks, 0);
  const audience = byChannel.reduce((n, c) => n + c.audience, 0);
  return {
    setUp: true,
    paused: await isPaused(deps.db, schedule.name),
    nextPost: nextSlot(schedule, deps.clock.now()),
    lastWeek: { acks, audience, rate: audience > 0 ? Math.min(1, acks / audience) : null },
  };
}

/**
 * The person's open follow-ups (across incidents they may see) and, for incidents they command, when the next update is
 * due: each section is left out when empty, so the tab shows no empty heading.
 */
async function extraSections(deps: CoreDeps, actor: Actor, visible: readonly Incident[]): Promise<HomeSections> {
  const followUps = (await openFollowupsOf(deps, actor, actor.id))
    .filter((f) => !f.redacted)
    .map((f) => ({ ref: f.ref, text: f.text ?? '', dueAt: f.due ? new Date(f.due) : null }));
  const commanded = visible.filter((i) => i.commanderId === actor.id);
  const due = await updateDeadlines(deps.db, commanded.map((i) => i.id));
  const deadlines = commanded.flatMap((i) => {
    const next = due.get(i.id);
    return next ? [{ ref: i.ref, what: next.snoozed ? 'update due (reminder snoozed)' : 'update due', at: next.dueAt }] : [];
  });
  // Legal notification deadlines of every open incident the person may see: the next unmet one each, overdue said.
  const clocks = await clockSummaries(deps.db, visible.map((i) => i.id), deps.clock.now());
  for (const i of visible) {
    const next = clocks.get(i.id)?.next;
    if (next) deadlines.push({ ref: i.ref, what: `${next.regimeName}: ${next.label}${next.overdue ? ' (OVERDUE)' : ''}`, at: next.dueAt });
  }
  deadlines.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { ...(followUps.length > 0 ? { followUps } : {}), ...(deadlines.length > 0 ? { deadlines } : {}) };
}
