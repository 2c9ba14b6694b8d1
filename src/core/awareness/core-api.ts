// The awareness programme as createCore offers it: every admin call authorized in core (awareness.manage), so the
// Slack command and the CLI cannot differ on who may run it. The scheduler's runDue is a trusted system call.
import { authorize } from '../access/authorize.js';
import type { Actor, CoreDeps } from '../context.js';
import { AppError } from '../../shared/errors.js';
import { createAwareness } from './awareness.js';
import type { Tip } from './tip.js';

/** Binds the programme to core's dependencies; without settings every call but mayManage says it is not set up. */
export function awarenessApi(deps: CoreDeps) {
  const programme = deps.awareness && createAwareness({ ...deps.awareness, db: deps.db, clock: deps.clock, redactPatterns: deps.redactPatterns });
  const ready = () => programme ?? notSetUp();
  const asAdmin = async (actor: Actor) => {
    await authorize(deps, actor, 'awareness.manage');
    return ready();
  };
  return {
    /** Throws not_authorized (and reports the refusal) unless the actor may run the programme; writes nothing. */
    mayManage: (actor: Actor) => authorize(deps, actor, 'awareness.manage'),
    /** The tips on offer (anyone may ask for one). */
    tips: (): Tip[] => ready().deps.tips.all(),
    /** A tip by id, from the files or made from a lesson (anyone: it is what was posted to them). */
    tip: (id: string) => ready().tip(id),
    /** Records the actor's "Got it" on a posted tip; pressing again changes nothing. */
    acknowledge: (actor: Actor, channelId: string, ts: string) => ready().acknowledge(actor.id, channelId, ts),
    /** Next slot, pause state, queue and the last few slots with their posts (admins). */
    status: async (actor: Actor) => (await asAdmin(actor)).status(),
    /** The tip that would go out next, without using up the queue (admins). */
    preview: async (actor: Actor) => (await asAdmin(actor)).preview(),
    /** Posts the next tip now, outside the schedule (admins). */
    sendNow: async (actor: Actor) => (await asAdmin(actor)).sendNow(actor.id),
    /** Skips the next scheduled slot; returns it (admins). */
    skipNext: async (actor: Actor) => (await asAdmin(actor)).skipNext(actor.id),
    /** Pauses the schedule (admins). */
    pause: async (actor: Actor) => (await asAdmin(actor)).pause(actor.id),
    /** Resumes the schedule from its next slot (admins). */
    resume: async (actor: Actor) => (await asAdmin(actor)).resume(actor.id),
    /** Queues a tip to go out next, after those queued before it (admins). */
    queue: async (actor: Actor, tipId: string) => (await asAdmin(actor)).queue(tipId, actor.id),
    /** Acknowledgements per post over the last `weeks` weeks (admins). */
    stats: async (actor: Actor, weeks = 12) => (await asAdmin(actor)).stats(weeks),
    /** The schedule the scheduler triggers runDue at. */
    schedule: () => ready().deps.schedule,
    /** Posts every slot due now (trusted: the scheduler's call; safe on every replica at once). */
    runDue: () => ready().runDue(),
  };
}

function notSetUp(): never {
  throw new AppError('invalid_input', 'The awareness programme is not set up in this process.');
}
