// `rampart asks <INC-n> [--json]`: an incident's "was this you?" questions and their answers from a terminal, newest
// first. The CLI is a trusted operator, so private incidents are shown in full.
import type { Config } from '../config.js';
import { ANSWER_WORDS, type ListedAsk } from '../core/index.js';
import { OPERATOR, withCore } from './commands.js';

type Out = (line: string) => void;

/** One question as a terminal line: when, whom, the answer (or what is pending), the question. */
export function askText(a: ListedAsk): string {
  const answer = a.answer ? `${ANSWER_WORDS[a.answer]} at ${a.answeredAt!.toISOString()}` : a.escalated ? 'no answer (reported)' : a.reminded ? 'no answer (reminded)' : 'no answer yet';
  return `${a.askedAt.toISOString()}  ${a.userId.padEnd(11)}  ${answer.padEnd(32)}  ${a.question}`;
}

/** `rampart asks`. */
export async function asksCommand(config: Config, ref: string, opts: { json: boolean }, out: Out): Promise<void> {
  await withCore(config, async (core) => {
    const { incident, asks } = await core.asks.list(OPERATOR, ref);
    if (opts.json) return out(JSON.stringify(asks.map(({ id: _id, ...a }) => a), null, 2));
    if (asks.length === 0) return out(`${incident.ref} has no questions asked.`);
    for (const a of asks) out(askText(a));
  });
}
