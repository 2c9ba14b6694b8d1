// Pure parsing of `/awareness …` text into a typed request.
import { AppError } from '../../shared/errors.js';

/** A parsed `/awareness` request. */
export type AwarenessRequest =
  | { sub: 'help' | 'tip' | 'status' | 'preview' | 'send-now' | 'skip' | 'pause' | 'resume' | 'stats' }
  | { sub: 'queue'; tipId: string }
  | { sub: 'promote'; ref: string };

/** Subcommands, as `/awareness help` lists them. */
export const AWARENESS_SUBCOMMANDS = ['tip', 'status', 'preview', 'send-now', 'skip', 'pause', 'resume', 'queue', 'promote', 'stats', 'help'] as const;

/** Subcommands only admins may run. */
export const ADMIN_SUBCOMMANDS: readonly string[] = ['status', 'preview', 'send-now', 'skip', 'pause', 'resume', 'queue', 'promote', 'stats'];

/** Parses the text after `/awareness`. */
export function parseAwarenessCommand(text: string): AwarenessRequest {
  const [head = '', ...args] = text.trim().split(/\s+/).filter(Boolean);
  const sub = head.toLowerCase();
  if (sub === '') return { sub: 'help' };
  if (sub === 'queue') {
    if (args.length !== 1) throw new AppError('invalid_input', '`/awareness queue <tip-id>`: name one tip, e.g. `/awareness queue mfa-fatigue`.');
    return { sub: 'queue', tipId: args[0]!.toLowerCase() };
  }
  if (sub === 'promote') {
    if (args.length !== 1) throw new AppError('invalid_input', '`/awareness promote INC-12`: name the incident whose lessons become a tip.');
    return { sub: 'promote', ref: args[0]! };
  }
  const simple = AWARENESS_SUBCOMMANDS.find((s): s is Exclude<typeof s, 'queue' | 'promote'> => s === sub && s !== 'queue' && s !== 'promote');
  if (!simple) throw new AppError('invalid_input', `I don't know \`/awareness ${head}\`. Subcommands: ${AWARENESS_SUBCOMMANDS.join(', ')}.`);
  if (args.length > 0) throw new AppError('invalid_input', `\`/awareness ${simple}\` takes nothing after it.`);
  return { sub: simple };
}
