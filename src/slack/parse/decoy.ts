// Pure parsing of `/decoy …` text into a typed request.
import { AppError } from '../../core/errors.js';
import { DECOY_KINDS, type DecoyKind } from '../../core/decoys/decoy.js';

/** A parsed `/decoy` request. */
export type DecoyCommand =
  | { sub: 'help' | 'list' }
  | { sub: 'register'; name: string; kind: DecoyKind; note: string }
  | { sub: 'retire'; name: string };

const USAGE = '`/decoy register <name> [url|document|credential] [note]`, `/decoy list`, `/decoy retire <name>`';

/** Parses the text after `/decoy`. The kind is optional (url); everything after it is the note. */
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
    case 'register': {
      const [name, maybeKind, ...rest] = args;
      if (!name) throw new AppError('invalid_input', '`/decoy register <name> [url|document|credential] [note]`: give the decoy a name.');
      const isKind = maybeKind !== undefined && (DECOY_KINDS as readonly string[]).includes(maybeKind.toLowerCase());
      const kind = isKind ? (maybeKind.toLowerCase() as DecoyKind) : 'url';
      const noteWords = isKind ? rest : [maybeKind, ...rest].filter((w): w is string => w !== undefined);
      return { sub: 'register', name, kind, note: noteWords.join(' ') };
    }
    default:
      throw new AppError('invalid_input', `I don't know \`/decoy ${head}\`. Use ${USAGE}.`);
  }
}

/** The usage line for help and errors. */
export const DECOY_USAGE = USAGE;
