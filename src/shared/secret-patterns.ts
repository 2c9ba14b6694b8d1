// The built-in secret detectors. Each finds one documented token format; where a format is too loose to recognise on
// its own (AWS secret keys, passwords, settings, URL passwords), it is found only after a label, and only the value
// after the label is redacted (the `keep` group) so the note still reads "password: [redacted: password]".
// Formats follow gitleaks' rules (github.com/gitleaks/gitleaks, cmd/generate/config/rules/<vendor>.go), cited per
// detector, and the vendors' own token pages where gitleaks is silent.
// Every pattern stays linear on long input: each starts only at the start of a token (a lookbehind) or after a fixed
// label, and no quantified group can split the same text in two ways.

/** The kinds of secret Rampart recognises on its own. */
export type BuiltInKind =
  | 'private-key'
  | 'slack-webhook'
  | 'slack-token'
  | 'aws-access-key'
  | 'aws-secret-key'
  | 'github-token'
  | 'gitlab-token'
  | 'google-api-key'
  | 'stripe-key'
  | 'anthropic-key'
  | 'openai-key'
  | 'npm-token'
  | 'sendgrid-key'
  | 'azure-storage-key'
  | 'azure-sas'
  | 'jwt'
  | 'url-password'
  | 'bearer-token'
  | 'password'
  | 'secret-setting'
  | 'card-number';

/** A detector: a global regex (an optional `keep` group is left in place) and an optional check on the secret. */
export interface Detector {
  kind: BuiltInKind;
  /** How to name it to the person who posted it. */
  label: string;
  find: RegExp;
  check?: (secret: string) => boolean;
}

// A value already replaced (quoted or not) is not redacted again, so redacting twice changes nothing.
const NOT_REDACTED = String.raw`(?!["']?\[redacted: )`;
// Between a label and its value: `label: v`, `label = v`, `"label": "v"`, `label => v`, `label := v`. Never half of
// `:=` or `=>`, or the other half would be taken for the value when the value is already redacted.
const ASSIGN = String.raw`(?::=|=>|[:=])(?![:=>])`;
const SEPARATOR = String.raw`["']?[ \t]*${ASSIGN}[ \t]*`;
// A quoted value up to its closing quote (the quotes stay), else the rest of the line, since a passphrase has spaces,
// stopping at a backtick (Slack's inline code) and leaving trailing spaces. A value starts with neither a space nor a
// quote, so the closing quote of `the "password:" field` does not open one.
const QUOTED = String.raw`(?<=")[^"\s][^"\n]*|(?<=')[^'\s][^'\n]*`;
const QUOTED_OR_LINE = String.raw`(?:${QUOTED}|(?<!["'])[^\s\`"'](?:[^\n\`]*[^\s\`])?)`;
// A quoted value, else one word (a setting's value has no spaces unless quoted), less a full stop, comma or bracket
// that ends the sentence around it.
const QUOTED_OR_WORD = String.raw`(?:${QUOTED}|(?<!["'])[^\s"'\`]*[^\s"'\`.,;:!?)])`;

/** A value after a label: only the value is redacted; an opening quote stays with the label. */
function afterLabel(label: string, value: string, flags: string, separator = SEPARATOR): RegExp {
  return new RegExp(String.raw`(?<keep>${label}${separator}${NOT_REDACTED}["']?)${value}`, flags);
}

/**
 * True for a documentation placeholder rather than a value: `…`, `<token>`, `${SECRET}`, `$DB_PASSWORD`,
 * `xoxb-your-bot-token`, `password`; for a value of several words, when its first word is one.
 */
export function isPlaceholder(value: string): boolean {
  const placeholder = (v: string) =>
    /^(?:[.…*xX_-]+|<[^>]*>?|\$\{?[A-Za-z_]\w*\}?|\{\{[^}]*\}\}|password|passwd|pass|secret|token|changeme|redacted)$/i.test(v) ||
    /(?:^|[-_.:])your[-_ ]/i.test(v);
  const trimmed = value.trim();
  return placeholder(trimmed) || placeholder(trimmed.split(/\s/, 1)[0]!);
}

const hasDigit = (s: string) => /\d/.test(s);

// Words that start a sentence about passwords ("never asks for your password: it shows…", "password: rotated for
// all admins") rather than a password.
const PROSE_STARTS = new Set(
  `a an the it it's its is are was were be been you you'll your we our they this that these there here never always
  don't do does use make please see check change changed reset click enter type just if when then and or but not no
  only must should can will what how who which to of in on for with by as at from same set keep ask rotated expired
  updated leaked compromised required needed removed revoked unchanged ok done none unknown new old weak stolen
  shared sent missing`.split(/\s+/),
);

/** True when a value after "password:" reads as the rest of a sentence, not as a password. */
function readsAsProse(value: string): boolean {
  return PROSE_STARTS.has(value.split(/\s/, 1)[0]!.replace(/[.,;:!?]+$/, '').toLowerCase());
}

/** Built-in detectors, most specific first: when two overlap at the same place, the earlier one wins. */
export const DETECTORS: readonly Detector[] = [
  {
    kind: 'private-key',
    label: 'a private key',
    // PEM (RSA, EC, OPENSSH, ENCRYPTED…) and OpenPGP armour (`PGP PRIVATE KEY BLOCK`, RFC 4880 §6.2). The whole block;
    // a block cut short by the paste is still redacted to the end of the text.
    find: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  {
    kind: 'slack-webhook',
    label: 'a Slack webhook URL',
    // gitleaks slack.go SlackWebHookUrl: incoming webhooks (services/T…/B…/…), workflow webhooks and triggers.
    find: /(?<![\w.-])(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/+-]{20,}/g,
  },
  {
    kind: 'slack-token',
    label: 'a Slack token',
    // gitleaks slack.go: bot xoxb-, user xoxp-, refresh xoxe-1-, configuration xoxe.xoxp-1-/xoxe.xoxb-1-, legacy
    // xoxa-/xoxr-/xoxs-, legacy xoxo- (only in its numbered form: "xoxo" is also prose), app-level xapp-1-; browser
    // session xoxc- and its `d` cookie xoxd- (URL-encoded, so %). Real tokens carry digits; `xoxb-your-bot-token` in a
    // setup guide does not.
    find: /(?<![\w-])(?:(?:xoxe\.)?xox[abcdeprs]-[0-9A-Za-z%-]{10,}|xoxo-\d+-\d+-\d+-[a-fA-F\d]+|xapp-\d-[0-9A-Za-z-]{10,})/g,
    check: hasDigit,
  },
  { kind: 'aws-access-key', label: 'an AWS access key', find: /(?<![0-9A-Za-z])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])/g },
  {
    kind: 'aws-secret-key',
    label: 'an AWS secret key',
    // 40 characters of base64 (gitleaks aws_secret.go) after any spelling of its label: aws_secret_access_key,
    // AWS_SECRET_ACCESS_KEY, SecretAccessKey, aws-secret-access-key, "AWS Secret Access Key", aws secret key:.
    find: afterLabel(
      String.raw`(?<![A-Za-z])(?:(?:aws[ _.-]?)?secret[ _.-]?access[ _.-]?key|aws[ _.-]?secret[ _.-]?key)`,
      String.raw`[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])`,
      'gi',
      String.raw`["']?[ \t]*(?:${ASSIGN}[ \t]*)?`,
    ),
  },
  { kind: 'github-token', label: 'a GitHub token', find: /(?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?![\w-])/g },
  {
    kind: 'gitlab-token',
    label: 'a GitLab token',
    // gitleaks gitlab.go (from docs.gitlab.com/ee/security/tokens "token prefixes"): personal, deploy, runner, pipeline
    // trigger, feed, incoming mail, agent, OAuth app, SCIM, feature-flag and CI job tokens, the routable form's
    // `.xxxxxxxxx` suffix, and runner registration tokens (GR1348941…).
    find: /(?<![\w-])(?:gl(?:pat|dt|rt|ptt|ft|imt|agent|oas|soat|ffct|cbt)-[\w-]{20,}(?:\.[0-9a-z]{9})?|GR1348941[\w-]{20,})(?![\w-])/g,
  },
  { kind: 'google-api-key', label: 'a Google API key', find: /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/g },
  {
    kind: 'stripe-key',
    label: 'a Stripe secret key',
    // gitleaks stripe.go: secret (sk_) and restricted (rk_) keys, live, test or prod. Publishable pk_ keys are public.
    find: /(?<![\w-])[sr]k_(?:live|test|prod)_[0-9A-Za-z]{10,}(?![\w-])/g,
  },
  {
    kind: 'anthropic-key',
    label: 'an Anthropic API key',
    // gitleaks anthropic.go: sk-ant-api03-…, sk-ant-admin01-…, OAuth sk-ant-oat01-/sk-ant-ort01-.
    find: /(?<![\w-])sk-ant-[a-z]{3,5}\d{2}-[\w-]{32,}/g,
  },
  {
    kind: 'openai-key',
    label: 'an OpenAI API key',
    // gitleaks openai.go: legacy sk-…T3BlbkFJ…, project sk-proj-, service-account sk-svcacct-, admin sk-admin- keys.
    // Matched by prefix and length rather than the T3BlbkFJ marker, which newer key shapes need not keep.
    find: /(?<![\w-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?[\w-]{20,}/g,
    check: hasDigit,
  },
  { kind: 'npm-token', label: 'an npm token', find: /(?<![\w-])npm_[A-Za-z0-9]{36}(?![\w-])/g }, // gitleaks npm.go
  {
    kind: 'sendgrid-key',
    label: 'a SendGrid API key',
    // gitleaks sendgrid.go: SG. + 66 characters, which SendGrid writes as SG.<22>.<43>.
    find: /(?<![\w-])SG\.[\w-]{16,32}\.[\w-]{16,64}(?![\w-])/g,
  },
  {
    kind: 'azure-storage-key',
    label: 'an Azure storage or access key',
    // Connection strings (learn.microsoft.com, "Configure Azure Storage connection strings"; Service Bus and Event
    // Hubs use SharedAccessKey): the base64 key after AccountKey= or SharedAccessKey=.
    find: afterLabel(String.raw`(?<![\w-])(?:AccountKey|SharedAccessKey)`, String.raw`[A-Za-z0-9+/]{20,}={0,2}`, 'gi'),
  },
  {
    kind: 'azure-sas',
    label: 'an Azure SAS signature',
    // A shared access signature's `sig=` parameter (learn.microsoft.com, "Create a service SAS"): the URL-encoded
    // base64 HMAC that makes the rest of the URL a credential.
    find: new RegExp(String.raw`(?<keep>(?<![\w-])sig=)${NOT_REDACTED}[A-Za-z0-9%+/]{16,}={0,2}`, 'g'),
  },
  { kind: 'jwt', label: 'a JSON Web Token', find: /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{8,}(?![\w-])/g },
  {
    kind: 'url-password',
    label: 'a password in a URL',
    // scheme://user:password@host (RFC 3986 userinfo; postgres, mysql, mongodb+srv, redis, amqps, https…): only the
    // password goes, so the link still says where it pointed. A raw @ in the password is allowed: the host starts
    // after the last @ before the path.
    find: new RegExp(
      String.raw`(?<keep>(?<![\w+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}://[^\s:/?#@<>|]*:)${NOT_REDACTED}[^\s/?#]+(?=@[\w\[%-])`,
      'g',
    ),
    check: (s) => !isPlaceholder(s),
  },
  {
    kind: 'bearer-token',
    label: 'a bearer token',
    // RFC 6750 §2.1: `Bearer` then a b64token (a full stop after it ends the sentence). Sixteen characters at least,
    // with a digit or a capital, so that "bearer" in a sentence is left alone.
    find: new RegExp(String.raw`(?<keep>(?<![\w-])(?:Bearer|bearer|BEARER)[ \t]+)${NOT_REDACTED}[A-Za-z0-9._~+/-]{15,}[A-Za-z0-9_~+/-]=*`, 'g'),
    check: (s) => /[0-9A-Z]/.test(s) && !isPlaceholder(s),
  },
  {
    kind: 'password',
    label: 'a password',
    // The value is the rest of the line (or the quoted value): `password: correct horse battery staple`.
    find: afterLabel(String.raw`(?<![A-Za-z])(?:password|passwd|passphrase|pwd)`, QUOTED_OR_LINE, 'gi'),
    check: (s) => !isPlaceholder(s) && !readsAsProse(s),
  },
  {
    kind: 'secret-setting',
    label: 'a secret setting',
    // .env, shell, YAML and JSON settings whose name ends in KEY, SECRET, TOKEN or PASSWORD (STRIPE_API_KEY=…,
    // export DB_PASSWORD="…", client_secret: …). The name needs an underscore, so "key=value" in prose is not one.
    find: afterLabel(
      String.raw`(?<![\w$-])(?:(?:[A-Z0-9]+_)+[A-Z0-9]*(?:KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD)|(?:[a-z0-9]+_)+[a-z0-9]*(?:key|secret|token|password|passwd|pwd))`,
      QUOTED_OR_WORD,
      'g',
    ),
    check: (s) => !isPlaceholder(s),
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
