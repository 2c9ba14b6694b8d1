// Work still open on an incident, asked before it is resolved or closed so the person can confirm or think again.
// Writes nothing: the change itself is made by changeStatus, which checks the incident again when it runs.
import type { DbOrTx } from '../../db/types.js';
import { authorizeOnLocked } from '../access/authorize.js';
import type { Actor, CoreDeps } from '../context.js';
import { runsOf } from '../playbooks/queries.js';
import { requireReviewBeforeClosing } from '../reviews/closing.js';
import { followupsOf } from '../followups/queries.js';
import { assertTransition, parseStatus, type Incident, type Status } from './incident.js';
import { incidentByRefOrChannel } from './lookup.js';
import { checkText, MAX_NOTE } from './text-rules.js';
import { redactFor, type SafeText } from '../redaction/apply.js';

/** Statuses that end the work on an incident, so open work is worth a warning first. */
export const ENDING_STATUSES: readonly Status[] = ['resolved', 'closed'];

/** What is still to do on an incident. */
export interface OpenWork {
  /** Open playbook steps (neither done nor skipped), across all its runs. */
  steps: number;
  /**
   * Open follow-ups: action items of its latest review not yet marked done. The warning reminds people that the
   * follow-ups outlive the incident.
   */
  actionItems: number;
}

/** Counts the incident's open steps and open follow-ups. */
export async function openWorkOf(db: DbOrTx, incident: Pick<Incident, 'id'>): Promise<OpenWork> {
  const [runs, followups] = await Promise.all([runsOf(db, [incident.id]), followupsOf(db, incident.id)]);
  return {
    steps: runs.reduce((n, run) => n + run.steps.filter((s) => s.state === 'open').length, 0),
    actionItems: followups.filter((f) => f.state === 'open').length,
  };
}

/** What openWorkBefore found: the incident, the status asked for, its open work and the note as it would be stored. */
export interface PendingChange {
  incident: Incident;
  to: Status;
  work: OpenWork;
  /** The note, checked and redacted: what a confirmation may carry back to changeStatus. */
  note: SafeText;
  /** Kinds of secret redacted from the note. */
  redacted: string[];
}

/**
 * The open work on the incident before the actor moves it to `statusText`, after the checks changeStatus would make
 * (who may, the transition, a required review, the note), so a warning is never offered for a change that would be
 * refused. Statuses other than resolved and closed have no open work to warn about.
 */
export async function openWorkBefore(deps: CoreDeps, actor: Actor, ref: string | undefined, statusText: string, noteText = ''): Promise<PendingChange> {
  const to = parseStatus(statusText);
  const { text: note, found: redacted } = redactFor(deps, checkText(noteText, 'note', MAX_NOTE));
  // The same check as changeStatus: responders, and the incident's own commander.
  const allowedOn = await authorizeOnLocked(deps, actor, to === 'closed' ? 'incident.close' : 'incident.status');
  const incident = await incidentByRefOrChannel(deps.db, ref, actor.channelId);
  allowedOn(incident);
  assertTransition(incident.ref, incident.status, to);
  if (to === 'closed') await requireReviewBeforeClosing(deps.db, incident, deps.reviewRequired);
  const work = ENDING_STATUSES.includes(to) ? await openWorkOf(deps.db, incident) : { steps: 0, actionItems: 0 };
  return { incident, to, work, note, redacted };
}
