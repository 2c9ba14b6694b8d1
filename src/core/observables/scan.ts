// Finding observables in free text (a note, a pinned message), to offer them to the author: pure. It reads text that
// has already been redacted, so a secret never becomes an offer. Account names are never found (any word could be one).
import { normalise, type ObservableType } from './observable.js';

/** One observable found in text: its type and normalised value. */
export interface Found {
  type: ObservableType;
  value: string;
}

/** How many offers one text makes at most: a pasted log would otherwise bury the reply in buttons. */
export const SCAN_LIMIT = 10;

// Each finder matches refanged or defanged spellings; the candidates are then normalised, which rejects look-alikes.
const DOT = String.raw`(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\))`;
const AT = String.raw`(?:@|\[@\]|\(@\)|\[at\]|\(at\))`;
const LABEL = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?`;
const HOST = String.raw`${LABEL}(?:${DOT}${LABEL})+`;
const FINDERS: ReadonlyArray<[ObservableType, RegExp]> = [
  ['url', new RegExp(String.raw`\b(?:h(?:tt|xx)ps?|f[tx]p)(?::|\[:\])//[^\s<>"'|]+`, 'gi')],
  // Starts only where a run of address characters starts, and at most 64 of them: a long run without an @ is then one
  // failed attempt, not one per position (which would make scanning a pasted log quadratic).
  ['email', new RegExp(String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}${AT}${HOST}`, 'g')],
  ['sha256', /(?<![0-9A-Za-z])[0-9A-Fa-f]{64}(?![0-9A-Za-z])/g],
  ['sha1', /(?<![0-9A-Za-z])[0-9A-Fa-f]{40}(?![0-9A-Za-z])/g],
  ['md5', /(?<![0-9A-Za-z])[0-9A-Fa-f]{32}(?![0-9A-Za-z])/g],
  ['ipv4', new RegExp(String.raw`(?<![\d.])\d{1,3}${DOT}\d{1,3}${DOT}\d{1,3}${DOT}\d{1,3}(?![\d]|\.\d)`, 'g')],
  ['ipv6', /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g],
  ['phone', /(?<![\w+])\+\d[\d ().-]{5,18}\d(?!\w)/g],
  ['domain', new RegExp(String.raw`(?<![\w@.-])${HOST}(?![\w-]|\.\w)`, 'g')],
];

// A word.ext written in prose is far more often a file than a host: these endings are not offered as domains.
const FILE_ENDINGS = new Set(
  'txt log exe dll pdf png jpg jpeg gif zip gz tar tgz json md ts js py sh ps1 bat csv html htm doc docx xls xlsx ppt pptx yaml yml xml conf cfg ini eml msg bin iso img sql'.split(
    ' ',
  ),
);

/** Slack writes links as `<https://x|label>` and `<mailto:a@b|a@b>`: keep the link's real target; mentions go. */
function unwrapSlackLinks(text: string): string {
  return text.replace(/<([^<>|]+)(?:\|[^<>]*)?>/g, (_, target: string) => (/^[@#!]/.test(target) ? ' ' : ` ${target.replace(/^(?:mailto|tel):/i, '')} `));
}

/** The observables in a text, each once, in the order they first appear, at most SCAN_LIMIT. */
export function scanObservables(text: string): Found[] {
  let rest = unwrapSlackLinks(text);
  const hits: { at: number; found: Found }[] = [];
  for (const [type, finder] of FINDERS) {
    rest = rest.replace(finder, (match: string, ...args: unknown[]) => {
      const at = args.find((a): a is number => typeof a === 'number')!;
      const candidate = type === 'url' ? match.replace(/[.,;:!?)\]]+$/, '') : match;
      const value = accepted(type, candidate);
      if (value === undefined) return match;
      hits.push({ at, found: { type, value } });
      // Blank out what was taken so a URL's host is not found again as a domain, an email's as one either.
      return ' '.repeat(match.length);
    });
  }
  const seen = new Set<string>();
  return hits
    .sort((a, b) => a.at - b.at)
    .map((h) => h.found)
    .filter((f) => !seen.has(`${f.type} ${f.value}`) && seen.add(`${f.type} ${f.value}`))
    .slice(0, SCAN_LIMIT);
}

function accepted(type: ObservableType, candidate: string): string | undefined {
  if (type === 'domain' && FILE_ENDINGS.has(candidate.slice(candidate.lastIndexOf('.') + 1).toLowerCase())) return undefined;
  // Times (12:30:45) and ratios have colons too; an IPv6 address has at least one hex group beyond them or a '::'.
  if (type === 'ipv6' && !candidate.includes('::') && candidate.split(':').length < 8) return undefined;
  try {
    return normalise(type, candidate);
  } catch {
    return undefined;
  }
}
