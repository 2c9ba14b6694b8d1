// The built-in detectors on examples and near-misses, then properties: a generated secret of any kind is never left
// in the text, and ordinary text is never touched. All values are fake.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhn, type BuiltInKind } from '../../../src/core/redaction/patterns.js';
import { redact } from '../../../src/core/redaction/redact.js';

const KEY_BODY = 'MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\naZ2hq3Z9b0Xy1o5V5aQ2fI7x3WvX1bq0sVq9T9nHk5z3m6v8YJ2kD8Lw7cR1fQ==';

describe('redact: examples', () => {
  it.each<[BuiltInKind, string, string]>([
    ['slack-token', 'bot token xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx leaked', 'bot token [redacted: slack-token] leaked'],
    ['slack-token', 'app token xapp-1-A0123456789-1234567890123-0a1b2c3d4e5f', 'app token [redacted: slack-token]'],
    ['aws-access-key', 'key AKIAIOSFODNN7EXAMPLE in the repo', 'key [redacted: aws-access-key] in the repo'],
    ['aws-access-key', 'temporary ASIAY34FZKBOKMUTVV7A.', 'temporary [redacted: aws-access-key].'],
    ['aws-secret-key', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = [redacted: aws-secret-key]'],
    ['aws-secret-key', 'AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"', 'AWS_SECRET_ACCESS_KEY="[redacted: aws-secret-key]"'],
    ['private-key', `found this:\n-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----\nin /tmp`, 'found this:\n[redacted: private-key]\nin /tmp'],
    ['private-key', `-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY_BODY}`, '[redacted: private-key]'],
    ['jwt', 'session eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok', 'session [redacted: jwt] ok'],
    ['github-token', 'pat ghp_abcdefghijklmnopqrstuvwxyzABCDEF0123 here', 'pat [redacted: github-token] here'],
    ['github-token', 'github_pat_11ABCDEFG0123456789abcd_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVW', '[redacted: github-token]'],
    ['google-api-key', 'maps key AIzaSyA-1234567890abcdefghijklmnopqrstu', 'maps key [redacted: google-api-key]'],
    ['password', 'db password: hunter2! works', 'db password: [redacted: password] works'],
    ['password', 'login with pwd=S3cret and passwd:abc', 'login with pwd=[redacted: password] and passwd:[redacted: password]'],
    ['password', 'DB_PASSWORD="correct horse battery"', 'DB_PASSWORD=[redacted: password]'],
    ['card-number', 'card 4111 1111 1111 1111 was used', 'card [redacted: card-number] was used'],
    ['card-number', 'cards 4111-1111-1111-1111, 378282246310005 and 3782 822463 10005', 'cards [redacted: card-number], [redacted: card-number] and [redacted: card-number]'],
  ])('%s: %s', (kind, input, expected) => {
    expect(redact(input)).toEqual({ text: expected, found: [kind] });
  });

  it.each([
    '4111 1111 1111 1112 fails the Luhn check',
    'Reset your password today; the password reset link expires',
    'The header of every token starts with eyJ, which is base64 for {"',
    'xoxb alone, AKIA123, ghp_short, AIza too short',
    'commit 0123456789abcdef0123456789abcdef01234567 fixed it',
    'message ts 1700000000.000100, call +33 6 12 34 56 78, order 2026 4111 items',
    'BEGIN PRIVATE KEY is what the file header says',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(redact(text)).toEqual({ text, found: [] });
  });

  it('lists kinds once, in the order they appear, and redacting twice changes nothing', () => {
    const once = redact('AKIAIOSFODNN7EXAMPLE then xoxp-1234567890-abcdefghij then AKIAIOSFODNN7EXAMPLE, password: x');
    expect(once.found).toEqual(['aws-access-key', 'slack-token', 'password']);
    expect(redact(once.text)).toEqual({ text: once.text, found: [] });
  });

  it('adds custom patterns, named by their kind', () => {
    expect(redact('badge BADGE-123456 lost', [{ name: 'employee-badge', pattern: /BADGE-\d{6}/g }])).toEqual({
      text: 'badge [redacted: employee-badge] lost',
      found: ['employee-badge'],
    });
  });
});

// --- generators ---
const chars = (set: string, minLength: number, maxLength = minLength) => fc.string({ unit: fc.constantFrom(...set), minLength, maxLength });
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${UPPER}abcdefghijklmnopqrstuvwxyz0123456789`;
const DIGITS = '0123456789';
const B64URL = `${ALNUM}-_`;

/** A Luhn-valid card number, written together, in fours, or (Amex) 4-6-5. */
const cardNumber = fc
  .tuple(fc.constantFrom('2', '3', '4', '5', '6'), fc.integer({ min: 13, max: 19 }), chars(DIGITS, 18), fc.constantFrom('', ' ', '-'))
  .map(([first, length, rest, sep]) => {
    const body = first + rest.slice(0, length - 2);
    const check = [...DIGITS].find((d) => luhn(body + d))!;
    const digits = body + check;
    if (sep === '') return digits;
    if (length === 15 && first === '3') return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(sep);
    return digits.match(/.{1,4}/g)!.join(sep);
  });

/** For each kind: [the text to embed, the part that must disappear]. */
const SECRETS: Record<BuiltInKind, fc.Arbitrary<[string, string]>> = {
  'slack-token': fc
    .tuple(fc.constantFrom('xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-'), chars(DIGITS, 10, 13), chars(ALNUM, 24, 32))
    .map(([p, n, s]) => `${p}${n}-${n}-${s}`)
    .chain((t) => fc.constantFrom(t, `xapp-1-A${t.slice(5, 15)}-${t.slice(-20)}`))
    .map((t) => [t, t]),
  'aws-access-key': fc.tuple(fc.constantFrom('AKIA', 'ASIA'), chars(UPPER + DIGITS, 16)).map(([p, s]) => [p + s, p + s]),
  'aws-secret-key': fc
    .tuple(fc.constantFrom('aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY', 'SecretAccessKey', 'aws_secret_key'), fc.constantFrom(' = ', '=', ': ', '="'), chars(`${ALNUM}/+`, 40))
    .map(([label, sep, v]) => [`${label}${sep}${v}`, v]),
  'private-key': fc
    .tuple(fc.constantFrom('', 'RSA ', 'EC ', 'OPENSSH ', 'ENCRYPTED '), fc.array(chars(`${ALNUM}+/`, 20, 64), { minLength: 1, maxLength: 5 }))
    .map(([k, lines]) => {
      const body = lines.join('\n');
      return [`-----BEGIN ${k}PRIVATE KEY-----\n${body}\n-----END ${k}PRIVATE KEY-----`, body];
    }),
  jwt: fc.tuple(chars(B64URL, 10, 40), chars(B64URL, 10, 80), chars(B64URL, 20, 43)).map(([h, p, s]) => {
    const t = `eyJ${h}.eyJ${p}.${s}`;
    return [t, t];
  }),
  'github-token': fc
    .oneof(
      fc.tuple(fc.constantFrom('ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'), chars(ALNUM, 36)).map(([p, s]) => p + s),
      fc.tuple(chars(ALNUM, 22), chars(ALNUM, 59)).map(([a, b]) => `github_pat_${a}_${b}`),
    )
    .map((t) => [t, t]),
  'google-api-key': chars(`${ALNUM}-_`, 35).map((s) => [`AIza${s}`, `AIza${s}`]),
  password: fc
    .tuple(fc.constantFrom('password', 'Password', 'PASSWD', 'pwd', 'db_password'), fc.constantFrom(': ', '=', ' = ', ':'), chars(`${ALNUM}!@#$%^&*`, 10, 24))
    .map(([label, sep, v]) => [`${label}${sep}${v}`, v]),
  'card-number': cardNumber.map((c) => [c, c]),
};

const VOCABULARY = [
  'the', 'a', 'server', 'was', 'rebooted', 'after', 'we', 'saw', 'password', 'reset', 'token', 'key', 'secret', 'access',
  'eyJ', 'AKIA', 'xox', 'ghp', 'AIza', 'BEGIN', 'PRIVATE', 'KEY', 'pwd', 'card', 'number', 'phishing', 'mail', 'from',
  'finance', 'team', "didn't", 'VPN', 'logs', 'show', 'at', 'UTC',
];
const PUNCTUATION = [',', '.', '!', '?', '(', ')', '-', '"', "'", ';'];

/** A number that cannot be a card: short, or 13–19 digits failing Luhn. */
const ordinaryNumber = fc.oneof(
  chars(DIGITS, 1, 12),
  chars(DIGITS, 13, 19).map((d) => {
    const body = d.slice(0, -1);
    return body + [...DIGITS].find((c) => !luhn(body + c))!;
  }),
);

/** A chunk of prose: a word, maybe with punctuation, maybe followed by a number (numbers never sit side by side). */
const chunk = fc
  .tuple(fc.constantFrom(...VOCABULARY), fc.option(fc.constantFrom(...PUNCTUATION)), fc.option(ordinaryNumber))
  .map(([w, p, n]) => `${w}${p ?? ''}${n === null ? '' : ` ${n}`}`);
const ordinaryText = fc.array(chunk, { maxLength: 30 });

describe('redact: properties', () => {
  it.each(Object.keys(SECRETS) as BuiltInKind[])('never leaves a generated %s in random text, and names its kind', (kind) => {
    fc.assert(
      fc.property(ordinaryText, SECRETS[kind], fc.nat(), fc.constantFrom(['', ''], ['(', ')'], ['"', '"'], ['', '.'], ['', ',']), (words, [written, secret], at, [open, close]) => {
        const chunks = [...words];
        chunks.splice(at % (chunks.length + 1), 0, `${open}${written}${close}`);
        const out = redact(chunks.join(' '));
        expect(out.text).not.toContain(secret);
        expect(out.text).toContain(`[redacted: ${kind}]`);
        expect(out.found).toEqual([kind]);
      }),
      { numRuns: 300 },
    );
  });

  it('never touches ordinary text', () => {
    fc.assert(
      fc.property(ordinaryText, (words) => {
        const text = words.join(' ');
        expect(redact(text)).toEqual({ text, found: [] });
      }),
      { numRuns: 3000 },
    );
  });
});
