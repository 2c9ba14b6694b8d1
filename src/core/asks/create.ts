// Asking a person "was this you?": one transaction under the incident's row lock that stores the question (redacted),
// appends its timeline event and enqueues the direct message, whose key names the question, so it goes out once.
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { requireVisible } from '../incidents/access.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { checkText } from '../incidents/text-rules.js';
import { enqueue } from '../outbox/queries.js';
import { redactedField, redactFor } from '../redaction/apply.js';
import { appendEvent } from '../timeline/queries.js';
import { MAX_QUESTION, type Ask } from './ask.js';
import { DEFAULT_ASK_SETTINGS } from './deps.js';
import { insertAsk } from './queries.js';

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

/** The outbox key of one message about one question: the same message told twice is one message. */
export function askKey(askId: number, what: 'sent' | 'reminder' | 'answered' | 'escalated'): string {
  return `ask:${askId}:${what}`;
}

/** Puts a question to one Slack user by direct message (the commander and responders: see the access rules). */
export async function askPerson(
  deps: CoreDeps,
  actor: Actor,
  ref: string | undefined,
  userId: string,
  rawQuestion: string,
): Promise<{ incident: Incident; ask: Ask; redacted: string[] }> {
  if (!SLACK_USER.test(userId)) throw new AppError('invalid_input', 'Mention the person to ask, e.g. `/incident ask INC-12 @alice Did you sign in from Lagos at 03:12?`', { field: 'user' });
  const question = redactFor(deps, checkText(rawQuestion, 'question', MAX_QUESTION, true));
  const now = deps.clock.now();
  const settings = deps.asks ?? DEFAULT_ASK_SETTINGS;
  return inTransaction(deps, async (tx) => {
    const incident = await incidentByRefOrChannel(tx, ref, actor.channelId, { forUpdate: true });
    await requireVisible({ ...deps, db: tx }, actor, incident, 'incident.ask');
    const ask = await insertAsk(tx, {
      incidentId: incident.id,
      userId,
      question: question.text,
      askedBy: actor.id,
      askedAt: now,
      remindAt: new Date(now.getTime() + settings.remindAfterMs),
      escalateAt: new Date(now.getTime() + settings.escalateAfterMs),
    });
    const payload = { askId: ask.id, userId, question: question.text, by: actor.id, ...redactedField(question.found) };
    await appendEvent(tx, incident.id, { kind: 'ask_sent', actor: actor.id, source: actor.source, payload }, now);
    const notice = { askId: ask.id, ref: incident.ref, drill: incident.drill, userId, by: actor.id, question: question.text };
    // The person's own lane: the answer's update follows the question in order.
    await enqueue(tx, { key: askKey(ask.id, 'sent'), incidentId: incident.id, now, notification: { kind: 'ask_sent', channel: userId, payload: notice } });
    // The kinds removed: the asker is told to rotate what they pasted.
    return { incident, ask, redacted: question.found };
  });
}
