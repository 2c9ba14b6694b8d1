// Replacing secrets in text with `[redacted: <kind>]` before it is stored. All detectors run over the original text
// and overlapping finds are settled once (leftmost first, then the more specific detector names it; overlapping finds
// are replaced together, so no detector's find is half kept), so a replacement marker is never itself searched and the result does not depend on the order patterns happen to be applied in. Extra
// patterns (decoy credentials, REDACT_PATTERNS) count as more specific than the built-ins: a decoy credential is
// shaped like a Stripe restricted key on purpose, and must still be named as the decoy it is.
import { DETECTORS } from './secret-patterns.js';

/** An organisation's own pattern (REDACT_PATTERNS): finds are replaced with `[redacted: <name>]`. */
export interface CustomPattern {
  name: string;
  /** A global regex that never matches the empty string (config checks both). */
  pattern: RegExp;
}

/** Redacted text and the kinds found, de-duplicated, in the order they appear. */
export interface Redacted {
  text: string;
  found: string[];
}

interface Find {
  start: number;
  end: number;
  kind: string;
  rank: number;
}

/** Replaces every known secret in text with a marker naming its kind. */
export function redact(text: string, extra: readonly CustomPattern[] = []): Redacted {
  const detectors = [...extra.map((p) => ({ kind: p.name, find: p.pattern, check: undefined })), ...DETECTORS];
  const finds: Find[] = [];
  detectors.forEach((d, rank) => {
    // A copy with the g flag keeps a shared regex's lastIndex untouched.
    const re = new RegExp(d.find.source, d.find.global ? d.find.flags : `${d.find.flags}g`);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const keep = m.groups?.keep?.length ?? 0;
      const start = m.index + keep;
      const end = m.index + m[0].length;
      if (end <= start || (d.check && !d.check(m[0].slice(keep)))) {
        // A failed check (say "order 4000" just before a card number) must not hide a secret starting later on.
        re.lastIndex = m.index + 1;
        continue;
      }
      finds.push({ start, end, kind: d.kind, rank });
    }
  });
  if (finds.length === 0) return { text, found: [] };
  finds.sort((a, b) => a.start - b.start || a.rank - b.rank);
  let out = '';
  let at = 0;
  const found: string[] = [];
  for (const f of finds) {
    if (f.start < at) {
      // A find running past the replacement it overlaps widens it: its detector never looked inside it for another
      // secret (a quoted value left open runs to the end of the line), so none of its text may survive.
      if (f.end <= at) continue;
      at = f.end;
    } else {
      out += `${text.slice(at, f.start)}[redacted: ${f.kind}]`;
      at = f.end;
    }
    if (!found.includes(f.kind)) found.push(f.kind);
  }
  return { text: out + text.slice(at), found };
}

/** Parses REDACT_PATTERNS (`name=regex;name=regex`); throws an Error naming the first bad entry. */
export function parseRedactPatterns(raw: string): CustomPattern[] {
  return raw
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const eq = entry.indexOf('=');
      const name = eq > 0 ? entry.slice(0, eq).trim().toLowerCase() : '';
      if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(name)) throw new Error(`entry ${i + 1} must be name=regex, the name in letters, digits and hyphens`);
      let pattern: RegExp;
      try {
        pattern = new RegExp(entry.slice(eq + 1), 'g');
      } catch (err) {
        throw new Error(`pattern "${name}" is not a valid regular expression: ${(err as Error).message}`);
      }
      if (pattern.test('')) throw new Error(`pattern "${name}" matches empty text, which would redact everything`);
      return { name, pattern };
    });
}
