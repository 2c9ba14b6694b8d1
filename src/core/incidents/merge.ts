// The merge rule: an incident is merged into another one people can still work on. The target is named by the first
// word of the status note (`/incident status INC-6 merged INC-5 same phishing wave`); the rest is the note.
import type { DbOrTx } from '../../db/types.js';
import type { Actor, CoreDeps } from '../context.js';
import { AppError } from '../../shared/errors.js';
import { noteRefusal } from '../access/authorize.js';
import { canSeeIfKnown } from './access.js';
import { formatRef, OPEN_STATUSES, parseRef, type Incident } from './incident.js';
import { findById, findByNumber } from './queries.js';

/** The incident a merge names, and the note left once the target is taken off it. */
export interface MergeTarget {
  into: Incident;
  note: string;
}

/**
 * Checks and locks the target of merging `from`: it must exist, be another incident, be one the actor may see, be
 * open, and be a drill exactly when `from` is one. Run inside the merging transaction, after `from` is locked.
 */
export async function mergeTarget(tx: DbOrTx, deps: Pick<CoreDeps, 'isResponder' | 'admins' | 'isChannelMember' | 'onRefusal'>, actor: Actor, from: Incident, note: string): Promise<MergeTarget> {
  const [word = '', ...rest] = note.split(/\s+/);
  const number = parseRef(word);
  if (number === null) {
    throw new AppError('invalid_input', `Say which incident ${from.ref} is merged into: \`/incident status ${from.ref} merged INC-12 <why>\`.`);
  }
  const ref = formatRef(number);
  if (number === from.number) throw new AppError('invalid_input', `${from.ref} cannot be merged into itself.`);
  // Locked so the target cannot be closed while this merge commits. Two merges crossing each other (A into B, B into
  // A) wait on each other's lock; the database aborts one of them, and the other then finds its target merged.
  const into = await findByNumber(tx, number, { forUpdate: true });
  if (!into) throw new AppError('unknown_incident', `${ref} does not exist. \`/incident list\` shows the open incidents.`);
  // Only responders and trusted operators reach here (merging is a responder's change), and canSee answers them
  // before any Slack look-up, so no Slack call is made under the row locks.
  // Through the transaction: the viewer check may read participants, and PGlite has one connection, held by tx.
  if (!(await canSeeIfKnown({ ...deps, db: tx }, actor, into))) {
    noteRefusal({ ...deps, db: tx }, actor, 'incident.show', into);
    throw new AppError('not_authorized', `${from.ref} cannot be merged into ${ref}: you may not see ${ref}.`, { ref });
  }
  if (!OPEN_STATUSES.includes(into.status)) {
    throw new AppError(
      'invalid_input',
      `${ref} is ${into.status}; merge ${from.ref} into an open incident (${OPEN_STATUSES.join(', ')}), or reopen ${ref} first.`,
      { ref, status: into.status },
    );
  }
  // A drill and a real incident never merge: a real report merged into an exercise would be closed as practice and
  // left out of the figures, and an exercise merged into a real incident would read as part of the real response.
  if (into.drill !== from.drill) {
    const [drill, real] = from.drill ? [from, into] : [into, from];
    throw new AppError('invalid_input', `${drill.ref} is a drill and ${real.ref} is a real incident; a drill merges only into a drill, a real incident only into a real one.`);
  }
  return { into, note: rest.join(' ') };
}

/** The incident an incident was merged into, and its title when the actor may see it (for show and reports). */
export async function mergedIntoFor(db: DbOrTx, deps: Pick<CoreDeps, 'isResponder' | 'admins' | 'isChannelMember'>, actor: Actor, incident: Incident): Promise<{ ref: string; title?: string } | undefined> {
  const into = incident.mergedIntoId === null ? undefined : await findById(db, incident.mergedIntoId);
  if (!into) return undefined;
  return (await canSeeIfKnown({ ...deps, db }, actor, into)) ? { ref: into.ref, title: into.title } : { ref: into.ref };
}

