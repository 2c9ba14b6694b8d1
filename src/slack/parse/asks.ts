// Pure parsing of `/incident ask [INC-n] @person <question>` and `/incident asks [INC-n]`. Words of the question never
// change what the command does: everything after the mention is the question, as typed.
import { AppError } from '../../shared/errors.js';
import { looksLikeRef } from '../../core/index.js';

/** A parsed `ask` or `asks` request. */
export type AskRequest = { sub: 'ask'; ref?: string; userId: string; question: string } | { sub: 'asks'; ref?: string };

const ASK_USAGE = '`/incident ask INC-12 @alice Did you sign in from Lagos at 03:12?` (in the incident channel the reference may be left out)';

// Slack escapes mentions as <@U123|alice> (should_escape in the manifest); a bare @name cannot be resolved.
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/;

/** `ask [INC-n] @person <question>`: the text after `ask`. */
export function parseAsk(after: string): AskRequest {
  const first = after.split(/\s+/)[0] ?? '';
  const hasRef = first !== '' && looksLikeRef(first);
  const rest = (hasRef ? after.slice(first.length) : after).trim();
  const m = MENTION.exec(rest);
  if (!m) throw new AppError('invalid_input', `\`/incident ask\`: mention the person so Slack turns it into a link, e.g. ${ASK_USAGE}.`);
  const question = rest.slice(m[0].length).trim();
  if (question === '') throw new AppError('invalid_input', `\`/incident ask\`: write the question after the person, e.g. ${ASK_USAGE}.`);
  return { sub: 'ask', ...(hasRef ? { ref: first } : {}), userId: m[1]!, question };
}

/** `asks [INC-n]`. */
export function parseAsks(args: readonly string[]): AskRequest {
  if (args.length > 1 || (args[0] !== undefined && !looksLikeRef(args[0]))) {
    throw new AppError('invalid_input', '`/incident asks`: `/incident asks INC-12` (in the incident channel the reference may be left out).');
  }
  return args[0] ? { sub: 'asks', ref: args[0] } : { sub: 'asks' };
}
