// Pure parsing of `/decoy …` text into a typed request.
import { AppError } from '../../shared/errors.js';
import { DECOY_KINDS, type DecoyKind } from '../../core/index.js';

/** A parsed `/decoy` request. */
export type DecoyCommand =
  | { sub: 'help' | 'list' }
  | { sub: 'register'; name: string; kind: DecoyKind; note: string }
  | { sub: 'retire'; name: string };

const REGISTER_USAGE = '`/decoy register <name> [url|document|credential] [note]`';
const USAGE = `${REGISTER_USAGE}, \`/decoy list\`, \`/decoy retire <name>\``;

/** Parses the text after `/decoy`. The kind may be left out (url) only when no note follows. */
export function parseDecoyCommand(text: string): DecoyCommand {
  const [head = '', ...args] = text.trim().split(/\s+/).filter(Boolean);
  switch (head.toLowerCase()) {
    case '':
    case 'help':
      return { sub: 'help' };
    case 'list':
      if (args.length > 0) throw new AppError('invalid_input', '`/decoy list` takes nothing after it.');
      return { sub: 'list' };
    case 'retire':
      if (args.length !== 1) throw new AppError('invalid_input', '`/decoy retire <name>`: name one decoy, e.g. `/decoy retire payroll-share`.');
      return { sub: 'retire', name: args[0]! };
    case 'register':
      return parseRegister(args);
    default:
      throw new AppError('invalid_input', `I don't know \`/decoy ${head}\`. Use ${USAGE}.`);
  }
}

/**
 * `register <name> [<kind> [note]]`. A kind is required before a note, so a misspelt kind or a name of several words
 * is an error rather than a url decoy whose note holds the rest.
 */
function parseRegister(args: string[]): DecoyCommand {
  const [name, kindWord, ...rest] = args;
  if (!name) throw new AppError('invalid_input', `${REGISTER_USAGE}: give the decoy a name.`);
  if (kindWord === undefined) return { sub: 'register', name, kind: 'url', note: '' };
  const kind = kindNamed(kindWord);
  if (kind) return { sub: 'register', name, kind, note: rest.join(' ') };
  const laterKind = rest.findIndex((w) => kindNamed(w) !== undefined);
  if (laterKind >= 0) {
    const words = [name, kindWord, ...rest.slice(0, laterKind)].join(' ');
    throw new AppError('invalid_input', `"${words}" is not a usable decoy name: a name is one word of up to 40 letters, digits, dots, hyphens or underscores, e.g. \`payroll-share\`.`);
  }
  throw new AppError('invalid_input', `"${kindWord}" is not a kind of decoy: the kind is one of ${DECOY_KINDS.join(', ')}, and comes before any note. ${REGISTER_USAGE}.`);
}

function kindNamed(word: string): DecoyKind | undefined {
  return DECOY_KINDS.find((k) => k === word.toLowerCase());
}

/** The usage line for help and errors. */
export const DECOY_USAGE = USAGE;
