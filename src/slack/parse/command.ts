// Pure parsing of `/incident …` text into a typed request. No Slack, no database: every rule here is unit-tested.
import { AppError } from '../../shared/errors.js';
import { looksLikeRef, parseRef, FORMAT_NAMES, formatNamed } from '../../core/index.js';
import type { ReportFormat, IncidentEdit } from '../../core/index.js';
import { parseIoc, type IocRequest } from './observables.js';
import { parseClocks, type ClocksRequest } from './clocks.js';
import { parseAsk, parseAsks, type AskRequest } from './asks.js';
import { parseSearch, type SearchRequest } from './search.js';
import { parseTlpCommand, type TlpRequest } from './tlp.js';
import { parseEvidence, type EvidenceRequest } from './evidence.js';

/** A parsed `/incident` request. */
export type IncidentRequest =
  | IocRequest
  | { sub: 'help' }
  | { sub: 'declare-modal' }
  | { sub: 'declare'; title: string; severity?: string; type?: string; private?: boolean; drill: boolean }
  | { sub: 'list'; scope: 'open' | 'all' }
  | { sub: 'show'; ref?: string }
  | { sub: 'status'; ref?: string; status: string; note: string }
  | { sub: 'severity'; ref?: string; severity: string }
  | { sub: 'assign'; ref?: string; role: string; userId: string }
  | { sub: 'unassign'; ref?: string; role: string }
  | { sub: 'note' | 'lesson'; ref?: string; text: string }
  | { sub: 'correct'; ref?: string; seq: number; text: string }
  | { sub: 'playbooks' }
  | { sub: 'playbook'; ref?: string; playbookId: string }
  | { sub: 'tasks'; ref?: string }
  | { sub: 'followups'; ref?: string; mine: boolean }
  | ClocksRequest
  | { sub: 'remind'; ref?: string; action: 'stop' }
  | { sub: 'remind'; ref?: string; action: 'snooze'; choice: string }
  | TlpRequest
  | { sub: 'review'; ref?: string }
  | { sub: 'timeline'; ref?: string; share: boolean }
  | { sub: 'report'; ref?: string; format: ReportFormat }
  | { sub: 'stats'; period?: string }
  | { sub: 'verify'; ref?: string }
  | { sub: 'oob'; ref: string; reason: string }
  | { sub: 'edit'; ref?: string; edit: IncidentEdit }
  | AskRequest
  | SearchRequest
  | { sub: 'evidence'; evidence: EvidenceRequest };

/** Subcommands, as `/incident help` lists them. */
export const SUBCOMMANDS = ['declare', 'list', 'show', 'status', 'severity', 'assign', 'unassign', 'note', 'lesson', 'correct', 'edit', 'playbooks', 'playbook', 'tasks', 'followups', 'clocks', 'ioc', 'remind', 'tlp', 'review', 'timeline', 'report', 'stats', 'verify', 'oob', 'evidence', 'ask', 'asks', 'search', 'help'] as const;

/** Parses the text after `/incident`. Throws AppError('invalid_input') with usage for malformed requests. */
export function parseIncidentCommand(text: string): IncidentRequest {
  const trimmed = text.trim();
  const [head = '', ...rest] = trimmed.split(/\s+/);
  const args = rest;
  const after = trimmed.slice(head.length).trim();
  switch (head.toLowerCase()) {
    case '':
    case 'help':
      return { sub: 'help' };
    case 'declare':
      return after === '' ? { sub: 'declare-modal' } : parseDeclare(after);
    case 'list': {
      const scope = (args[0] ?? 'open').toLowerCase();
      if (scope !== 'open' && scope !== 'all') throw usage('list', '`/incident list` or `/incident list all`');
      return { sub: 'list', scope };
    }
    case 'show':
      return args[0] ? { sub: 'show', ref: args[0] } : { sub: 'show' };
    case 'status': {
      // In the incident channel the reference may be left out: `/incident status contained`.
      const { ref, rest } = optionalRef(args);
      const [status, ...note] = rest;
      if (!status) throw usage('status', '`/incident status INC-12 investigating [note]` (in the incident channel the reference may be left out)');
      return { sub: 'status', ...withRef(ref), status, note: note.join(' ') };
    }
    case 'severity': {
      const { ref, rest } = optionalRef(args);
      if (rest.length !== 1) throw usage('severity', '`/incident severity INC-12 sev2` (in the incident channel the reference may be left out)');
      return { sub: 'severity', ...withRef(ref), severity: rest[0]! };
    }
    case 'assign':
      return parseAssign(args);
    case 'unassign': {
      const { ref, rest } = optionalRef(args);
      if (rest.length !== 1) throw usage('unassign', '`/incident unassign INC-12 scribe` (in the incident channel the reference may be left out)');
      return { sub: 'unassign', ...withRef(ref), role: rest[0]! };
    }
    case 'note':
    case 'lesson': {
      const sub = head.toLowerCase() as 'note' | 'lesson';
      const hasRef = args[0] !== undefined && looksLikeRef(args[0]);
      const noteText = hasRef ? after.slice(args[0]!.length).trim() : after;
      const example = sub === 'note' ? 'what happened' : 'what we learnt';
      if (noteText === '') throw usage(sub, `\`/incident ${sub} INC-12 ${example}\` (in the incident channel the reference may be left out)`);
      return hasRef ? { sub, ref: args[0]!, text: noteText } : { sub, text: noteText };
    }
    case 'correct':
      return parseCorrect(args, after);
    case 'edit':
      return parseEdit(args, after);
    case 'playbooks':
      return { sub: 'playbooks' };
    case 'playbook': {
      // In the incident channel the reference may be left out: `/incident playbook phishing`.
      const hasRef = args[0] !== undefined && looksLikeRef(args[0]);
      const [ref, id, ...extra] = hasRef ? args : [undefined, ...args];
      if (!id || extra.length > 0) throw usage('playbook', '`/incident playbook INC-12 phishing` (`/incident playbooks` lists the ids)');
      return ref ? { sub: 'playbook', ref, playbookId: id } : { sub: 'playbook', playbookId: id };
    }
    case 'tasks': {
      if (args.length > 1 || (args[0] !== undefined && !looksLikeRef(args[0]))) throw usage('tasks', '`/incident tasks` or `/incident tasks INC-12`');
      return args[0] ? { sub: 'tasks', ref: args[0] } : { sub: 'tasks' };
    }
    case 'remind':
      return parseRemind(args);
    case 'clocks':
      return parseClocks(args);
    case 'tlp':
      return parseTlpCommand(args, after);
    case 'followups': {
      const [arg, ...extra] = args;
      const mine = arg?.toLowerCase() === 'mine';
      if (extra.length > 0 || (arg !== undefined && !mine && !looksLikeRef(arg))) throw usage('followups', '`/incident followups`, `/incident followups INC-12` or `/incident followups mine`');
      return mine ? { sub: 'followups', mine } : { sub: 'followups', mine, ...(arg ? { ref: arg } : {}) };
    }
    case 'ioc':
      return parseIoc(args);
    case 'review': {
      if (args.length > 1 || (args[0] !== undefined && !looksLikeRef(args[0]))) throw usage('review', '`/incident review INC-12` (in the incident channel the reference may be left out)');
      return args[0] ? { sub: 'review', ref: args[0] } : { sub: 'review' };
    }
    case 'timeline':
      return parseTimeline(args);
    case 'report':
      return parseReport(args);
    case 'stats': {
      if (args.length > 1) throw usage('stats', '`/incident stats` or `/incident stats 90d` (30d, 90d, 365d or all)');
      return args[0] ? { sub: 'stats', period: args[0] } : { sub: 'stats' };
    }
    case 'verify': {
      if (args.length > 1 || (args[0] !== undefined && !looksLikeRef(args[0]))) throw usage('verify', '`/incident verify INC-12` (in the incident channel the reference may be left out)');
      return args[0] ? { sub: 'verify', ref: args[0] } : { sub: 'verify' };
    }
    case 'oob': {
      // The reference is required: in a compromised workspace, say exactly which incident's team is leaving.
      if (args[0] === undefined || !looksLikeRef(args[0])) throw usage('oob', '`/incident oob INC-12 [reason]` sends the out-of-band plan to the incident’s people by direct message');
      return { sub: 'oob', ref: args[0], reason: after.slice(args[0].length).trim() };
    }
    case 'ask':
      return parseAsk(after);
    case 'asks':
      return parseAsks(args);
    case 'search':
      return parseSearch(after);
    case 'evidence':
      return { sub: 'evidence', evidence: parseEvidence(args, after) };
    default:
      throw new AppError('invalid_input', `I don't know \`/incident ${head}\`. Subcommands: ${SUBCOMMANDS.join(', ')}. Try \`/incident help\`.`);
  }
}

/** The flags `/incident declare` understands, as its usage lists them. */
export const DECLARE_FLAGS = ['--private', '--public', '--drill', '--sev1', '--sev2', '--sev3', '--sev4', '--type <type>'] as const;

const DECLARE_USAGE = `\`/incident declare <title> [--sev1..--sev4] [--type <type>] [--private|--public] [--drill]\`; every other word is the title (\`--\` ends the flags)`;

/**
 * `declare <title words> [flags]`. Options are only ever explicit `--` flags, anywhere in the text: a title word such
 * as "public", "drill", "sev2" or "type:x" stays in the title, so words never change what the command does.
 */
function parseDeclare(text: string): IncidentRequest {
  const words = text.split(/\s+/);
  const title: string[] = [];
  let severity: string | undefined;
  let type: string | undefined;
  let isPrivate: boolean | undefined;
  let drill = false;
  let flagsEnded = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const flag = flagsEnded ? undefined : flagOf(word);
    if (flag === undefined) {
      title.push(word);
      continue;
    }
    if (flag.name === '') {
      flagsEnded = true;
      continue;
    }
    if (flag.name === 'type') {
      const value = flag.value ?? words[++i];
      if (!value || flagOf(value) !== undefined) throw usage('declare', `name the type after \`--type\`, e.g. \`--type phishing\``);
      if (type !== undefined && type.toLowerCase() !== value.toLowerCase()) throw usage('declare', 'give one `--type`');
      type = value;
      continue;
    }
    if (flag.value !== undefined) throw usage('declare', `\`--${flag.name}\` takes no value. ${DECLARE_USAGE}`);
    if (/^sev[1-4]$/.test(flag.name)) {
      if (severity !== undefined && severity !== flag.name) throw usage('declare', 'give one severity flag');
      severity = flag.name;
    } else if (flag.name === 'private' || flag.name === 'public') {
      const wanted = flag.name === 'private';
      if (isPrivate !== undefined && isPrivate !== wanted) throw usage('declare', 'give `--private` or `--public`, not both');
      isPrivate = wanted;
    } else if (flag.name === 'drill') {
      drill = true;
    } else {
      throw usage('declare', `I don't know the flag \`${word}\`. Flags: ${DECLARE_FLAGS.map((f) => `\`${f}\``).join(', ')}. ${DECLARE_USAGE}`);
    }
  }
  return {
    sub: 'declare',
    title: title.join(' '),
    ...(severity ? { severity } : {}),
    ...(type ? { type } : {}),
    ...(isPrivate !== undefined ? { private: isPrivate } : {}),
    drill,
  };
}

/**
 * The flag a word is (its lower-case name and any `=value`), or undefined for a title word. A bare `--` has the empty
 * name: the flags end there. A leading em or en dash counts as `--`, because Slack clients with smart punctuation
 * (macOS) turn a typed `--` into one, and a flag must not silently become a title word.
 */
function flagOf(word: string): { name: string; value?: string } | undefined {
  const m = /^(?:--|\u2014|\u2013)(.*)$/u.exec(word);
  if (!m) return undefined;
  const body = m[1]!;
  if (body === '') return word === '--' ? { name: '' } : undefined;
  const eq = body.indexOf('=');
  return eq < 0 ? { name: body.toLowerCase() } : { name: body.slice(0, eq).toLowerCase(), value: body.slice(eq + 1) };
}

function parseAssign(args: string[]): IncidentRequest {
  const { ref, rest } = optionalRef(args);
  const [role, who] = rest;
  if (!role || !who || rest.length > 2) throw usage('assign', '`/incident assign INC-12 commander @alice` (in the incident channel the reference may be left out)');
  // Slack escapes mentions as <@U123|alice> (should_escape in the manifest); a bare @name cannot be resolved.
  const m = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(who);
  if (!m) throw usage('assign', `mention the person so Slack turns it into a link, e.g. \`/incident assign ${ref ? `${ref} ` : ''}${role} @alice\``);
  return { sub: 'assign', ...withRef(ref), role, userId: m[1]! };
}

/**
 * A leading reference, if the arguments start with one (in the incident channel it may be left out), and the rest.
 * For subcommands whose next word is a status, severity or role, so a bare `12` is still taken as INC-12.
 */
function optionalRef(args: string[]): { ref: string | undefined; rest: string[] } {
  const hasRef = args[0] !== undefined && parseRef(args[0]) !== null;
  return hasRef ? { ref: args[0]!, rest: args.slice(1) } : { ref: undefined, rest: args };
}

function withRef(ref: string | undefined): { ref?: string } {
  return ref ? { ref } : {};
}

function parseCorrect(args: string[], after: string): IncidentRequest {
  const hasRef = args[0] !== undefined && looksLikeRef(args[0]);
  const [seqText, ...words] = hasRef ? args.slice(1) : args;
  const seq = Number((seqText ?? '').replace(/^#/, ''));
  // The bound keeps the number inside the integer column it is looked up in.
  if (!Number.isInteger(seq) || seq < 1 || seq > 2_147_483_647 || words.length === 0) {
    throw usage('correct', '`/incident correct INC-12 #4 what is actually true`');
  }
  // Look for the number after the reference: in `INC-12 2 …` the first "2" is inside the reference.
  const text = after.slice(after.indexOf(seqText!, hasRef ? args[0]!.length : 0) + seqText!.length).trim();
  return hasRef ? { sub: 'correct', ref: args[0]!, seq, text } : { sub: 'correct', seq, text };
}

const EDIT_USAGE = '`/incident edit INC-12 title <new title>`, `… type <type>`, `… private`, `… public`, `… drill` or `… real` (in the incident channel the reference may be left out)';

/** `edit [INC-n] title <new title> | type <type> | private | public | drill | real`. */
function parseEdit(args: string[], after: string): IncidentRequest {
  const hasRef = args[0] !== undefined && looksLikeRef(args[0]);
  const [what = '', ...rest] = hasRef ? args.slice(1) : args;
  const ref = hasRef ? { ref: args[0]! } : {};
  switch (what.toLowerCase()) {
    case 'title': {
      // The new title as typed, after the word `title` that follows the reference.
      const start = after.toLowerCase().indexOf('title', hasRef ? args[0]!.length : 0) + 'title'.length;
      const title = after.slice(start).trim();
      if (title === '') throw usage('edit', 'write the new title after `title`, e.g. `/incident edit INC-12 title Phishing mail to the press office`');
      return { sub: 'edit', ...ref, edit: { field: 'title', to: title } };
    }
    case 'type':
      if (rest.length !== 1) throw usage('edit', 'name one type, e.g. `/incident edit INC-12 type phishing`');
      return { sub: 'edit', ...ref, edit: { field: 'type', to: rest[0]! } };
    case 'private':
    case 'public':
    case 'drill':
    case 'real': {
      if (rest.length > 0) throw usage('edit', EDIT_USAGE);
      const word = what.toLowerCase();
      const edit: IncidentEdit = word === 'private' || word === 'public' ? { field: 'private', to: word === 'private' } : { field: 'drill', to: word === 'drill' };
      return { sub: 'edit', ...ref, edit };
    }
    default:
      throw usage('edit', EDIT_USAGE);
  }
}

/** `timeline [INC-n] [share]`. */
function parseTimeline(args: string[]): IncidentRequest {
  const hasRef = args[0] !== undefined && looksLikeRef(args[0]);
  const rest = hasRef ? args.slice(1) : args;
  if (rest.length > 1 || (rest[0] !== undefined && rest[0].toLowerCase() !== 'share')) {
    throw usage('timeline', '`/incident timeline INC-12` (just for you) or `/incident timeline INC-12 share` (posted in the incident channel)');
  }
  return { sub: 'timeline', ...(hasRef ? { ref: args[0]! } : {}), share: rest.length === 1 };
}

/** `report [INC-n] [md|html|json|csv|timesketch|timesketch-csv]`. */
function parseReport(args: string[]): IncidentRequest {
  const hasRef = args[0] !== undefined && looksLikeRef(args[0]);
  const rest = hasRef ? args.slice(1) : args;
  const format = rest[0] === undefined ? 'md' : formatNamed(rest[0]);
  if (rest.length > 1 || !format) {
    throw usage('report', `\`/incident report INC-12 [format]\`, where the format is one of ${FORMAT_NAMES.join(', ')} (md is the default)`);
  }
  return { sub: 'report', ...(hasRef ? { ref: args[0]! } : {}), format };
}

function usage(sub: string, example: string): AppError {
  return new AppError('invalid_input', `\`/incident ${sub}\`: ${example}.`);
}

const REMIND_USAGE = '`/incident remind INC-12 snooze 30m|2h|tomorrow` or `/incident remind INC-12 stop` (in the incident channel the reference may be left out)';

/** `remind [INC-n] snooze <30m|2h|tomorrow>` or `remind [INC-n] stop`. */
function parseRemind(args: string[]): IncidentRequest {
  const { ref, rest } = optionalRef(args);
  const [action = '', choice, ...extra] = rest.map((w) => w.toLowerCase());
  if (action === 'stop' && choice === undefined) return { sub: 'remind', ...withRef(ref), action: 'stop' };
  if (action === 'snooze' && choice !== undefined && ['30m', '2h', 'tomorrow'].includes(choice) && extra.length === 0) return { sub: 'remind', ...withRef(ref), action: 'snooze', choice };
  throw usage('remind', REMIND_USAGE);
}
