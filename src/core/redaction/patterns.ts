// The built-in secret detectors. Each finds one documented token format; where a format is too loose to recognise on
// its own (AWS secret keys, passwords), it is found only after a label, and only the value after the label is
// redacted (the `keep` group) so the note still reads "password: [redacted: password]".

/** The kinds of secret Rampart recognises on its own. */
export type BuiltInKind =
  | 'slack-token'
  | 'aws-access-key'
  | 'aws-secret-key'
  | 'private-key'
  | 'jwt'
  | 'github-token'
  | 'google-api-key'
  | 'password'
  | 'card-number';

/** A detector: a global regex (an optional `keep` group is left in place) and an optional check on the secret. */
export interface Detector {
  kind: BuiltInKind;
  /** How to name it to the person who posted it. */
  label: string;
  find: RegExp;
  check?: (secret: string) => boolean;
}

// A value already replaced is not redacted again, so redacting twice changes nothing.
const NOT_REDACTED = String.raw`(?!\[redacted: )`;

/** Built-in detectors, most specific first: when two overlap at the same place, the earlier one wins. */
export const DETECTORS: readonly Detector[] = [
  {
    kind: 'private-key',
    label: 'a private key',
    // The whole block; a block cut short by the paste is still redacted to the end of the text.
    find: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/g,
  },
  { kind: 'slack-token', label: 'a Slack token', find: /(?<![\w-])(?:xox[abprs]-[0-9A-Za-z-]{10,}|xapp-\d-[0-9A-Za-z-]{10,})/g },
  { kind: 'aws-access-key', label: 'an AWS access key', find: /(?<![0-9A-Za-z])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])/g },
  {
    kind: 'aws-secret-key',
    label: 'an AWS secret key',
    find: new RegExp(
      String.raw`(?<keep>(?<![A-Za-z])(?:(?:aws_?)?secret_?access_?key|aws_?secret_?key)["']?\s*[:=]\s*["']?)${NOT_REDACTED}[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])`,
      'gi',
    ),
  },
  { kind: 'github-token', label: 'a GitHub token', find: /(?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?![\w-])/g },
  { kind: 'google-api-key', label: 'a Google API key', find: /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/g },
  { kind: 'jwt', label: 'a JSON Web Token', find: /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{8,}(?![\w-])/g },
  {
    kind: 'password',
    label: 'a password',
    find: new RegExp(String.raw`(?<keep>(?<![A-Za-z])(?:password|passwd|passphrase|pwd)["']?\s*[:=]\s*)${NOT_REDACTED}(?:"[^"\n]+"|'[^'\n]+'|\S+)`, 'gi'),
  },
  {
    kind: 'card-number',
    label: 'a card number',
    // Card brands start with 2–6: 13–19 digits written together, in fours (4-4-4-4, up to 19), or Amex's 4-6-5, with
    // one kind of separator, and a valid Luhn digit. Only these groupings, so two numbers side by side in prose are not
    // read as one card.
    find: /(?<![\w-])(?:[2-6]\d{12,18}|[2-6]\d{3}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?|3\d{3}([ -])\d{6}\2\d{5})(?![\w-])/g,
    check: (s) => luhn(s.replace(/\D/g, '')),
  },
];

/** True when the digits pass the Luhn check used by card numbers. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** How a kind is named to people: "an AWS access key"; custom kinds are "a secret (<name>)". */
export function describeKind(kind: string): string {
  return DETECTORS.find((d) => d.kind === kind)?.label ?? `a secret (${kind})`;
}
