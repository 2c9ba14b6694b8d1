// `/incident tlp [INC-n] <marking> [reason]`: pure parsing. The marking is the one word after the optional reference;
// everything after it is the reason, which is only ever recorded, never read for options.
import { AppError } from '../../shared/errors.js';
import { looksLikeRef, parseTlp, TLP_LEVELS, type Tlp } from '../../core/index.js';

/** A parsed `/incident tlp` request. */
export interface TlpRequest {
  sub: 'tlp';
  ref?: string;
  marking: Tlp;
  reason: string;
}

const USAGE = `\`/incident tlp\`: \`/incident tlp INC-12 <marking> [reason]\`, where the marking is one of ${TLP_LEVELS.join(', ')} (in the incident channel the reference may be left out).`;

/** Parses the words after `tlp` (args) and the text they came from (after), keeping the reason's own spacing. */
export function parseTlpCommand(args: string[], after: string): TlpRequest {
  const hasRef = args[0] !== undefined && looksLikeRef(args[0]);
  const word = hasRef ? args[1] : args[0];
  if (word === undefined) throw new AppError('invalid_input', USAGE);
  const marking = parseTlp(word);
  if (!marking) throw new AppError('invalid_input', `"${word}" is not a TLP marking. ${USAGE}`);
  const rest = hasRef ? after.slice(args[0]!.length).trimStart() : after;
  const reason = rest.slice(word.length).trim();
  return { sub: 'tlp', ...(hasRef ? { ref: args[0]! } : {}), marking, reason };
}
