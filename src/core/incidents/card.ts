// The incident card's content: what the channel's pinned first message shows, assembled for a trusted caller (the
// Slack outbox worker, rendering at delivery time). Its channel is the incident's own, where everyone may see it.
import { updateDeadlines } from '../reminders/queries.js';
import type { DbOrTx } from '../../db/types.js';
import { runsOf } from '../playbooks/queries.js';
import { progress } from '../playbooks/run.js';
import { latestReview } from '../reviews/queries.js';
import type { Incident } from './incident.js';
import { findById } from './queries.js';
import { clockSummaries, type ClockSummary } from '../clocks/read.js';

/** How many open tasks the card lists (the rest are counted). */
export const CARD_TASKS = 5;

/** A deadline the card shows (an update reminder's next time, once reminders offer one). */
export interface CardDeadline {
  label: string;
  at: Date;
}

/** One open step on the card. */
export interface CardTask {
  runId: number;
  step: number;
  title: string;
  assignee: string | null;
  dueAt: Date | null;
}

/** Everything the incident card shows. */
export interface IncidentCard {
  incident: Incident;
  /** Playbook runs, oldest first, with their progress; the last is the current one. */
  runs: { id: number; playbookId: string; title: string; done: number; skipped: number; total: number }[];
  /** The first open steps (soonest due first), and how many are open in all. */
  tasks: CardTask[];
  openTasks: number;
  /** Saved review versions (0: not written yet). */
  reviewVersions: number;
  /** Deadlines to show: the next update reminder (snoozed or not) and any given by the caller. */
  deadlines: CardDeadline[];
  /** Notification clocks: the next unmet legal deadline and how many are overdue (absent without running clocks). */
  clocks?: ClockSummary;
}

/** The card of an incident, or undefined when it does not exist. */
export async function buildCard(db: DbOrTx, incidentId: number, opts: { deadlines?: CardDeadline[]; now?: Date } = {}): Promise<IncidentCard | undefined> {
  const incident = await findById(db, incidentId);
  if (!incident) return undefined;
  const [runs, { versions }, reminders] = await Promise.all([runsOf(db, [incident.id]), latestReview(db, incident.id), updateDeadlines(db, [incident.id])]);
  const update = reminders.get(incident.id);
  // Overdue is judged at `now` (the worker's clock at delivery); without one, only the next deadline is known.
  const clocks = (await clockSummaries(db, [incident.id], opts.now ?? new Date(0))).get(incident.id);
  const updateDeadline = update ? [{ label: update.snoozed ? 'update due (reminder snoozed)' : 'update due', at: update.dueAt }] : [];
  const open = runs.flatMap((run) =>
    run.steps.filter((s) => s.state === 'open').map((s) => ({ runId: run.id, step: s.number, title: s.step.title, assignee: s.assignee, dueAt: s.dueAt })),
  );
  open.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.runId - b.runId || a.step - b.step);
  return {
    incident,
    runs: runs.map((run) => ({ id: run.id, playbookId: run.playbook.id, title: run.playbook.title, ...progress(run) })),
    tasks: open.slice(0, CARD_TASKS),
    openTasks: open.length,
    reviewVersions: versions,
    deadlines: [...updateDeadline, ...(opts.deadlines ?? [])],
    ...(clocks ? { clocks } : {}),
  };
}
