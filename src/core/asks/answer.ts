// Recording the answer to a question: only the person asked may answer, and only once. One transaction under the
// incident's row lock, then the question's (the order the sweep takes them too), that stores the answer, appends its
// timeline event and enqueues the update of the question's direct messages. A second click, or anyone else's,
// changes nothing and says why.
import { AppError } from '../../shared/errors.js';
import { authorize } from '../access/authorize.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { findById } from '../incidents/queries.js';
import { enqueue } from '../outbox/queries.js';
import { appendEvent } from '../timeline/queries.js';
import { isAnswer, type Ask } from './ask.js';
import { askKey } from './create.js';
import { askById, saveAnswer } from './queries.js';

/** What a click did: answered now; already answered (with the first answer); or the question is someone else's. */
export type AnswerOutcome =
  | { kind: 'answered'; ref: string; ask: Ask }
  | { kind: 'already'; ref: string; ask: Ask }
  | { kind: 'not_yours'; ref: string; userId: string };

/** Records the person's answer to their question (the incident's details are not needed: they may be an outsider). */
export async function answerAsk(deps: CoreDeps, actor: Actor, askId: number, answer: unknown): Promise<AnswerOutcome> {
  if (!isAnswer(answer)) throw new AppError('invalid_input', 'That button is not a Rampart answer (Yes, No or Not sure).');
  await authorize(deps, actor, 'ask.answer');
  const found = Number.isSafeInteger(askId) && askId > 0 ? await askById(deps.db, askId) : undefined;
  if (!found) throw new AppError('invalid_input', 'That question no longer exists.');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = (await findById(tx, found.incidentId, { forUpdate: true }))!;
    const ask = (await askById(tx, askId, { forUpdate: true }))!;
    // Only the reference is said: the one clicking may not see the incident.
    if (actor.id !== ask.userId) return { kind: 'not_yours', ref: incident.ref, userId: ask.userId };
    if (ask.answer !== null) return { kind: 'already', ref: incident.ref, ask };
    const saved = await saveAnswer(tx, ask.id, answer, now);
    const payload = { askId: ask.id, userId: ask.userId, question: ask.question, answer };
    await appendEvent(tx, incident.id, { kind: 'ask_answered', actor: actor.id, source: actor.source, payload }, now);
    const notice = { askId: ask.id, ref: incident.ref, drill: incident.drill, userId: ask.userId, by: ask.askedBy, question: ask.question, answer, answeredAt: now.toISOString() };
    await enqueue(tx, { key: askKey(ask.id, 'answered'), incidentId: incident.id, now, notification: { kind: 'ask_answered', channel: ask.userId, payload: notice } });
    return { kind: 'answered', ref: incident.ref, ask: saved };
  });
}
