// Pure parsing of `/incident clocks …`: list, start, notified, stop. Keywords come first and in a fixed order, and the
// one free-text part (a back-dating reason, to whom a notice went, why a clock stopped) is always last, so words in it
// never change what the command does.
import { AppError } from '../../shared/errors.js';
import { looksLikeRef } from '../../core/index.js';

/** What the clock applies for, as a word in Slack (the CLI takes any text). */
export const CLOCK_WHY = { 'personal-data': 'personal data', 'significant-service': 'a significant service' } as const;

/** A parsed `/incident clocks` request. */
export type ClocksRequest =
  | { sub: 'clocks'; action: 'list'; ref?: string }
  | { sub: 'clocks'; action: 'start'; ref?: string; regime: string; aware?: string; reason?: string; why?: string }
  | { sub: 'clocks'; action: 'notified'; ref?: string; regime: string; deadline?: string; at?: string; reference?: string; to: string }
  | { sub: 'clocks'; action: 'stop'; ref?: string; regime: string; reason?: string };

/** The usage line of each action. */
export const CLOCKS_USAGE = {
  list: '`/incident clocks [INC-12]`',
  start: '`/incident clocks [INC-12] start gdpr|nis2|… [personal-data|significant-service] [at <when> <reason it is back-dated>]`',
  notified: '`/incident clocks [INC-12] notified gdpr|nis2|… [<deadline>] [at <when>] [ref <reference>] to <whom>`',
  stop: '`/incident clocks [INC-12] stop gdpr|nis2|… [reason]`',
};

const bad = (action: keyof typeof CLOCKS_USAGE, why: string) => new AppError('invalid_input', `${why} Use ${CLOCKS_USAGE[action]}.`);

/** Parses the words after `/incident clocks`. */
export function parseClocks(args: readonly string[]): ClocksRequest {
  const hasRef = args[0] !== undefined && looksLikeRef(args[0]);
  const ref = hasRef ? { ref: args[0]! } : {};
  const [action = '', ...rest] = hasRef ? args.slice(1) : args;
  switch (action.toLowerCase()) {
    case '':
      return { sub: 'clocks', action: 'list', ...ref };
    case 'start':
      return { sub: 'clocks', action: 'start', ...ref, ...parseStart(rest) };
    case 'notified':
      return { sub: 'clocks', action: 'notified', ...ref, ...parseNotified(rest) };
    case 'stop': {
      const [regime, ...reason] = rest;
      if (!regime) throw bad('stop', 'Name the regime whose clock to stop.');
      return { sub: 'clocks', action: 'stop', ...ref, regime, ...(reason.length > 0 ? { reason: reason.join(' ') } : {}) };
    }
    default:
      throw new AppError('invalid_input', `\`/incident clocks\`: I don't know "${action}". Use ${CLOCKS_USAGE.list}, ${CLOCKS_USAGE.start}, ${CLOCKS_USAGE.notified} or ${CLOCKS_USAGE.stop}.`);
  }
}

function parseStart(words: readonly string[]): { regime: string; aware?: string; reason?: string; why?: string } {
  const [regime, ...rest] = words;
  if (!regime) throw bad('start', 'Name the regime to start (gdpr, nis2, or one from the regimes file).');
  let i = 0;
  const why = rest[i] !== undefined ? CLOCK_WHY[rest[i]!.toLowerCase() as keyof typeof CLOCK_WHY] : undefined;
  if (why) i += 1;
  if (rest[i] === undefined) return { regime, ...(why ? { why } : {}) };
  if (rest[i]!.toLowerCase() !== 'at') throw bad('start', `"${rest[i]}" is not understood here; a reason only follows a back-dated \`at <when>\`.`);
  const when = takeWhen(rest, i + 1);
  if (!when) throw bad('start', 'Say when the team became aware after `at`.');
  const reason = rest.slice(when.next).join(' ');
  return { regime, aware: when.text, ...(reason ? { reason } : {}), ...(why ? { why } : {}) };
}

function parseNotified(words: readonly string[]): { regime: string; deadline?: string; at?: string; reference?: string; to: string } {
  const [regime, ...rest] = words;
  if (!regime) throw bad('notified', 'Name the regime whose deadline was notified.');
  let i = 0;
  const out: { deadline?: string; at?: string; reference?: string } = {};
  const kw = (w: string | undefined) => w?.toLowerCase();
  if (rest[i] !== undefined && !['at', 'ref', 'to'].includes(kw(rest[i])!)) out.deadline = rest[i++]!;
  if (kw(rest[i]) === 'at') {
    const when = takeWhen(rest, i + 1);
    if (!when) throw bad('notified', 'Say when the notice was given after `at`.');
    out.at = when.text;
    i = when.next;
  }
  if (kw(rest[i]) === 'ref') {
    if (!rest[i + 1]) throw bad('notified', 'Give the reference after `ref` (one word, e.g. CNIL-2026-0042).');
    out.reference = rest[i + 1]!;
    i += 2;
  }
  if (kw(rest[i]) !== 'to' || rest.length <= i + 1) throw bad('notified', 'Say to whom the notice went, last, after `to`.');
  return { regime, ...out, to: rest.slice(i + 1).join(' ') };
}

/** A time after `at`: `2026-11-20 09:00` (two words), `3h ago` (two words), or one word (`09:40`, an ISO time). */
function takeWhen(words: readonly string[], from: number): { text: string; next: number } | undefined {
  const [a, b] = [words[from], words[from + 1]];
  if (a === undefined) return undefined;
  const two = (/^\d{4}-\d{2}-\d{2}$/.test(a) && b !== undefined && /^\d{1,2}:\d{2}$/.test(b)) || (/^\d+\s*[a-z]*$/i.test(a) && b?.toLowerCase() === 'ago');
  return two ? { text: `${a} ${b}`, next: from + 2 } : { text: a, next: from + 1 };
}
