// "Was this you?" as createCore offers it: ask, answer, list, and the sweep's runDue (a trusted system call).
import type { Actor, CoreDeps } from '../context.js';
import { answerAsk } from './answer.js';
import { askPerson } from './create.js';
import { asksForActor } from './read.js';
import { runDueAsks } from './sweep.js';

/** Binds questions to core's dependencies. */
export function asksApi(deps: CoreDeps) {
  return {
    /** Asks a person by direct message (the commander and responders); ref may be left out in the incident channel. */
    ask: (actor: Actor, ref: string | undefined, userId: string, question: string) => askPerson(deps, actor, ref, userId, question),
    /** The person asked answers: once; anyone else's click changes nothing. */
    answer: (actor: Actor, askId: number, answer: unknown) => answerAsk(deps, actor, askId, answer),
    /** An incident's questions and answers, for people who may see it. */
    list: (actor: Actor, ref: string | undefined) => asksForActor(deps, actor, ref),
    /** Sends the reminders and reports due now (trusted: the scheduler's minutely sweep; safe on every replica at once). */
    runDue: () => runDueAsks(deps),
  };
}
