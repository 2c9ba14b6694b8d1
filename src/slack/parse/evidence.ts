// Pure parsing of `/incident evidence …`: list, add, transfer, check. Options of `add` are `key:value` words before
// the description and nothing else: from the first other word on, everything is what the item is and (after " | ")
// where it is stored, so no word of the description can ever be read as an option.
import { AppError } from '../../shared/errors.js';
import { looksLikeRef, type EvidenceInput } from '../../core/index.js';

/** A parsed `/incident evidence` request. */
export type EvidenceRequest =
  | { action: 'list'; ref?: string }
  | { action: 'add'; ref?: string; input: EvidenceInput }
  | { action: 'transfer'; evidence: string; to: string; reason: string }
  | { action: 'check'; evidence: string; sha256: string };

/** How `/incident evidence` is used, as its errors and the help say it. */
export const EVIDENCE_USAGE =
  '`/incident evidence [list] [INC-12]`, `/incident evidence add [INC-12] [sha256:…] [at:2026-12-04T14:05] [zone:Europe/Paris] [by:@alice] [tlp:red] <what it is> | <where it is stored>`, `/incident evidence transfer EV-3 @bob | <why>` or `/incident evidence check EV-3 <sha256>`';

const OPTION = /^(sha256|at|zone|by|tlp):(\S+)$/i;
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** Parses the words after `/incident evidence` (args) and the same text unsplit (after). */
export function parseEvidence(args: string[], after: string): EvidenceRequest {
  const [head = 'list', ...rest] = args;
  switch (head.toLowerCase()) {
    case 'list':
      return list(rest);
    case 'add':
      return add(after.slice(head.length).trim());
    case 'transfer':
      return transfer(rest, after.slice(head.length).trim());
    case 'check': {
      const [evidence, sha256, ...extra] = rest;
      if (!evidence || !sha256 || extra.length > 0) throw usage('`check` takes an item and its SHA-256: `/incident evidence check EV-3 <sha256>` (the CLI computes it from the file: `rampart evidence check EV-3 --file PATH`)');
      return { action: 'check', evidence, sha256 };
    }
    default:
      // `/incident evidence INC-12` lists that incident's.
      if (looksLikeRef(head) && rest.length === 0) return { action: 'list', ref: head };
      throw usage(`I don't know \`/incident evidence ${head.slice(0, 30)}\``);
  }
}

function list(rest: string[]): EvidenceRequest {
  if (rest.length > 1 || (rest[0] !== undefined && !looksLikeRef(rest[0]))) throw usage('`list` takes one incident reference at most');
  return rest[0] ? { action: 'list', ref: rest[0] } : { action: 'list' };
}

function add(text: string): EvidenceRequest {
  let words = text.split(/\s+/).filter(Boolean);
  const ref = words[0] !== undefined && looksLikeRef(words[0]) ? words.shift() : undefined;
  const input: Partial<EvidenceInput> = {};
  let option: RegExpExecArray | null;
  while (words[0] !== undefined && (option = OPTION.exec(words[0]))) {
    const key = option[1]!.toLowerCase();
    const value = option[2]!;
    if (key === 'sha256') input.sha256 = value;
    else if (key === 'at') {
      // `at:2026-12-04 14:05`: the time after a bare date belongs to it.
      const time = /^\d{4}-\d{2}-\d{2}$/.test(value) && words[1] && /^\d{1,2}:\d{2}$/.test(words[1]) ? words.splice(1, 1)[0] : undefined;
      input.collectedAt = time ? `${value}T${time}` : value;
    }
    else if (key === 'zone') input.zone = value;
    else if (key === 'tlp') input.tlp = value;
    else input.collectedBy = MENTION.exec(value)?.[1] ?? value;
    words = words.slice(1);
  }
  const rest = words.join(' ');
  const bar = rest.indexOf(' | ');
  if (bar < 0 || rest.slice(0, bar).trim() === '' || rest.slice(bar + 3).trim() === '') {
    throw usage('`add`: say what the item is, then ` | ` and where it is stored, e.g. `/incident evidence add INC-12 Disk image of the laptop | Locker 4, room B`');
  }
  return { action: 'add', ...(ref ? { ref } : {}), input: { ...input, description: rest.slice(0, bar).trim(), location: rest.slice(bar + 3).trim() } };
}

function transfer(rest: string[], text: string): EvidenceRequest {
  const evidence = rest[0];
  const remainder = evidence ? text.slice(evidence.length).trim() : '';
  const bar = remainder.indexOf(' | ');
  const to = bar < 0 ? '' : remainder.slice(0, bar).trim();
  const reason = bar < 0 ? '' : remainder.slice(bar + 3).trim();
  if (!evidence || to === '' || reason === '') throw usage('`transfer`: `/incident evidence transfer EV-3 @bob | for imaging` (a person, or a name such as a courier, then ` | ` and why)');
  return { action: 'transfer', evidence, to: MENTION.exec(to)?.[1] ?? to, reason };
}

function usage(what: string): AppError {
  return new AppError('invalid_input', `${what}. Usage: ${EVIDENCE_USAGE}.`);
}
