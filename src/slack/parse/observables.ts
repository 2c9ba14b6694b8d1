// Pure parsing of `/incident ioc …`: add, list, mark, export, or nothing (the Add observable form). The value may hold
// spaces (a phone number written in groups), so the type or verdict is the last word and the value everything between.
import { AppError } from '../../shared/errors.js';
import { looksLikeRef, parseExportFormat, parseObservableType, parseVerdict } from '../../core/index.js';
import type { ObservableExportFormat, ObservableType, Verdict } from '../../core/index.js';

/** A parsed `/incident ioc` request. */
export type IocRequest =
  | { sub: 'ioc'; action: 'modal'; ref?: string }
  | { sub: 'ioc'; action: 'add'; ref?: string; value: string; type?: ObservableType }
  | { sub: 'ioc'; action: 'list'; ref?: string }
  | { sub: 'ioc'; action: 'mark'; ref?: string; value: string; verdict: Verdict }
  | { sub: 'ioc'; action: 'export'; ref?: string; format: ObservableExportFormat };

const USAGE = {
  add: '`/incident ioc add [INC-12] <value> [type]` (the type is guessed when left out; account names need `account`)',
  list: '`/incident ioc list [INC-12]`',
  mark: '`/incident ioc mark [INC-12] <value> malicious|suspicious|benign|unknown`',
  export: '`/incident ioc export [INC-12] stix|misp|csv`',
} as const;

/** Parses the words after `/incident ioc`. */
export function parseIoc(args: readonly string[]): IocRequest {
  // `/incident ioc INC-12` opens the form for that incident, as `/incident ioc` does for the channel's.
  if (args.length === 1 && looksLikeRef(args[0]!)) return { sub: 'ioc', action: 'modal', ref: args[0]! };
  const [action = '', ...rest] = args;
  const hasRef = rest[0] !== undefined && looksLikeRef(rest[0]);
  const ref = hasRef ? { ref: rest[0]! } : {};
  const words = (hasRef ? rest.slice(1) : rest).map(unwrapLink);
  switch (action.toLowerCase()) {
    case '':
      return { sub: 'ioc', action: 'modal' };
    case 'add': {
      const type = words.length > 1 ? parseObservableType(words.at(-1)!) : undefined;
      const value = (type ? words.slice(0, -1) : words).join(' ');
      if (value === '') throw usage(USAGE.add);
      return { sub: 'ioc', action: 'add', ...ref, value, ...(type ? { type } : {}) };
    }
    case 'list':
      if (words.length > 0) throw usage(USAGE.list);
      return { sub: 'ioc', action: 'list', ...ref };
    case 'mark': {
      const verdict = words.length > 1 ? parseVerdict(words.at(-1)!) : undefined;
      if (!verdict) throw usage(USAGE.mark);
      return { sub: 'ioc', action: 'mark', ...ref, value: words.slice(0, -1).join(' '), verdict };
    }
    case 'export': {
      const format = words.length === 1 ? parseExportFormat(words[0]!) : undefined;
      if (!format) throw usage(USAGE.export);
      return { sub: 'ioc', action: 'export', ...ref, format };
    }
    default:
      throw usage(`${USAGE.add}, ${USAGE.list}, ${USAGE.mark}, ${USAGE.export}, or \`/incident ioc [INC-12]\` for the form`);
  }
}

/**
 * Slack sends what it made a link as `<https://evil.example/x|evil.example/x>` or `<mailto:a@b.example|a@b.example>`
 * (the command escapes links): the observable is the link's target. A defanged value is never made a link.
 */
function unwrapLink(word: string): string {
  const m = /^<([^<>|]+)(?:\|[^<>]*)?>$/.exec(word);
  return m ? m[1]!.replace(/^mailto:/i, '') : word;
}

function usage(example: string): AppError {
  return new AppError('invalid_input', `\`/incident ioc\`: ${example}.`);
}
