// Hostile text for the fuzzers: the words our parsers look for and their near misses, Slack markup, control and
// invisible characters, unicode whitespace, and sizes far past anything Slack sends.
import fc from 'fast-check';

/** Words the /incident and /awareness parsers react to, and near misses of them. */
export const KEYWORDS = [
  'declare', 'DECLARE', 'declar', 'declare\u200b', 'décláre', 'list', 'all', 'open', 'closed', 'show', 'status', 'severity', 'assign',
  'note', 'lesson', 'correct', 'playbooks', 'playbook', 'tasks', 'review', 'timeline', 'share', 'report', 'stats', 'verify', 'help',
  'oob', 'decoy', 'tip', 'preview', 'send-now', 'skip', 'pause', 'resume', 'queue', 'promote', 'investigating', 'closed', 'commander',
  'INC-1', 'inc-2', 'INC-0', 'INC-', 'INC-1234567890', 'INC-99999999999999999999', 'INC-1.5', 'INC--1', '12', '#1', '#0', '#-1', '1e3',
  '0x10', 'NaN', 'Infinity', '-0', 'sev1', 'SEV2', 'sev0', 'sev5', 'sev10', 'sev', 'type:', 'type:phishing', 'TYPE:x', 'type::',
  'private', 'public', 'drill', 'PRIVATE', 'md', 'html', 'json', 'csv', 'timesketch', 'timesketch-csv', 'pdf', '30d', '90d', 'all',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty',
] as const;

/** Slack's own markup: mentions, channel links, broadcasts, links and formatting. */
export const SLACK_MARKUP = [
  '<@U123>', '<@U123|alice>', '<@W0ABC>', '<@u123>', '<@>', '<@U123', '@alice', '<#C123|incidents>', '<#C123>', '<!channel>',
  '<!here>', '<!everyone>', '<!subteam^S123|@security>', '<https://evil.example/login|Click here>', '<mailto:a@b.c|mail>',
  '*bold*', '_it_', '~strike~', '`code`', '```block```', '&lt;', '&amp;', '&gt;', '>quote', ':pushpin:', '<', '>', '|',
] as const;

/** Characters that break naive handling: controls, bidi overrides, zero-width, unicode spaces, astral and odd letters. */
export const NASTY_CHARS = [
  '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u000b', '\f', '\u001b', '\u007f', '\u0085', '\u00a0', '\u1680', '\u2028',
  '\u2029', '\u200b', '\u200e', '\u202e', '\u2066', '\u3000', '\ufeff', '\ufffd', '😀', '👩‍💻', 'ﷺ', 'İ', 'ß',
] as const;

/** What Slack never sends and Postgres cannot store (refused at the edge); rare, so most requests get further. */
export const UNSTORABLE_CHARS = ['\u0000', '\ud800', '\udfff'] as const;

const separator = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u3000', '');

/** A word: a keyword, markup, a nasty character, or arbitrary unicode. */
export const word: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...SLACK_MARKUP) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_CHARS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

/** Command-like text: a few words joined by assorted whitespace, with leading or trailing noise. */
export const commandText: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(word, separator), { maxLength: 10 }), separator, separator)
  .map(([parts, lead, trail]) => lead + parts.map(([w, s]) => w + (s || ' ')).join('') + trail);

/** A keyword followed by a huge argument (up to 100 KB), the size of a pasted log. */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('', ...KEYWORDS), fc.constantFrom('a', 'INC-1 ', '<@U123> ', '\u0000', '😀', ' ', 'x y '), fc.integer({ min: 1_000, max: 100_000 }))
  .map(([head, unit, size]) => `${head} ${unit.repeat(Math.ceil(size / unit.length))}`);

/** Any text a user could type, and much that they could not (a few with characters refused at the edge). */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: commandText },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...NASTY_CHARS), maxLength: 50 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.tuple(commandText, fc.constantFrom(...UNSTORABLE_CHARS)).map(([t, c]) => t + c) },
);
