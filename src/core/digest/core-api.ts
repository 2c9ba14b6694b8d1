// The weekly digest as createCore offers it: a preview and a manual post for the people who may run it
// (digest.manage, checked in core), and runDue for the scheduler (a trusted system call).
import { authorize } from '../access/authorize.js';
import type { Actor, CoreDeps } from '../context.js';
import { AppError } from '../../shared/errors.js';
import { createDigest } from './post.js';

/** Binds the digest to core's dependencies; without settings every call says it is not set up. */
export function digestApi(deps: CoreDeps) {
  const digest = deps.digest && createDigest({ ...deps.digest, db: deps.db, clock: deps.clock, timezone: deps.timezone });
  const ready = () => digest ?? notSetUp();
  const asManager = async (actor: Actor) => {
    await authorize(deps, actor, 'digest.manage');
    return ready();
  };
  return {
    /** The digest that would go out now, without posting it. */
    preview: async (actor: Actor) => (await asManager(actor)).preview(),
    /** Posts the digest of the last seven days now, outside the schedule. */
    sendNow: async (actor: Actor) => (await asManager(actor)).sendNow(actor.id),
    /** When the digest goes out: undefined when DIGEST_CRON is off or there is no INCIDENT_CHANNEL. */
    schedule: () => (deps.digest?.channel ? deps.digest.schedule : undefined),
    /** Posts the slot due now, if any (trusted: the scheduler's call; safe on every replica at once). */
    runDue: () => ready().runDue(),
  };
}

function notSetUp(): never {
  throw new AppError('invalid_input', 'The weekly digest is not set up in this process.');
}
