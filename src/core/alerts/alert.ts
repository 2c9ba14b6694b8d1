// Alert intake: what an alert source and an alert are, how a source's token is made and kept (its SHA-256 only), and
// the pure checks of a posted alert. Every field is someone else's text: each is checked, then redacted, and a bad one
// is refused with an error naming the field, before anything is written. Nothing here touches the database.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { describeKind } from '../../shared/secret-patterns.js';
import type { CoreDeps } from '../context.js';
import { checkType } from '../incidents/declare.js';
import { DEFAULT_SEVERITY, SEVERITIES, type Severity } from '../incidents/incident.js';
import { checkText, MAX_DESCRIPTION, MAX_TITLE } from '../incidents/text-rules.js';
import { OBSERVABLE_TYPES, readObservable, type ObservableType } from '../observables/observable.js';
import { redactFor, type RedactionDeps, type SafeText } from '../redaction/apply.js';

/** A stored alert source (never with its token, which only its SHA-256 stands for). */
export interface AlertSource {
  id: number;
  name: SafeText;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** Tokens start with this, so a leaked one is recognisable (and secret scanners can be taught it). */
export const TOKEN_PREFIX = 'rma_';
// 32 random bytes: 256 bits, which is why a plain SHA-256 (no salt, no slow hash) is the right way to keep them.
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^rma_[A-Za-z0-9_-]{43}$/;
const SOURCE_NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;

/** The longest dedupe key, link and observable list an alert may carry. */
export const MAX_DEDUPE_KEY = 200;
export const MAX_LINK = 2048;
export const MAX_OBSERVABLES = 50;

/** A fresh source token: shown once to whoever created the source, then only its hash is kept. */
export function newSourceToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString('base64url')}`;
}

/** The SHA-256 (hex) a token is stored and looked up as; undefined for a string that cannot be one of our tokens. */
export function tokenHash(token: string): string | undefined {
  return TOKEN_SHAPE.test(token) ? createHash('sha256').update(token).digest('hex') : undefined;
}

/** A source name, checked and lower-cased; a name that is itself a secret is refused (it is listed and shown). */
export function checkSourceName(deps: RedactionDeps, raw: string): SafeText {
  const name = raw.trim().toLowerCase();
  if (!SOURCE_NAME.test(name)) {
    throw new AppError('invalid_input', `"${raw}" is not a usable source name: use up to 40 letters, digits, dots, hyphens or underscores.`, { field: 'name' });
  }
  const checked = redactFor(deps, name);
  if (checked.found.length > 0) throw new AppError('invalid_input', 'That source name looks like a secret: name the source after the tool that sends alerts.', { field: 'name' });
  return checked.text;
}

/** A posted alert, checked, normalised and redacted: what is stored and shown. */
export interface CheckedAlert {
  title: SafeText;
  description: SafeText;
  severity: Severity;
  type: string;
  dedupeKey?: SafeText;
  link?: SafeText;
  observables: { type: ObservableType; value: SafeText }[];
  /** Kinds of secret removed from the title, description or link. */
  redacted: string[];
}

// The shape only; lengths, characters and secrets are the text rules' and the checks' below, which name the field.
const ALERT_BODY = z.strictObject({
  title: z.string({ error: 'is required and must be a string' }),
  severity: z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` }).optional(),
  type: z.string({ error: 'must be a string (an incident type)' }).optional(),
  dedupe_key: z.string({ error: 'must be a string' }).optional(),
  description: z.string({ error: 'must be a string' }).optional(),
  link: z.string({ error: 'must be a string (an http or https URL)' }).optional(),
  observables: z
    .array(
      z.strictObject({
        type: z.enum(OBSERVABLE_TYPES, { error: `must be one of ${OBSERVABLE_TYPES.join(', ')}` }),
        value: z.string({ error: 'is required and must be a string' }),
      }),
      { error: 'must be an array of { type, value }' },
    )
    .max(MAX_OBSERVABLES, { error: `may hold at most ${MAX_OBSERVABLES} items` })
    .optional(),
});

/** Checks a posted alert body (already parsed JSON); throws invalid_input or unknown_type naming the field. */
export function checkAlert(deps: RedactionDeps & Pick<CoreDeps, 'incidentTypes'>, body: unknown): CheckedAlert {
  const parsed = ALERT_BODY.safeParse(body);
  if (!parsed.success) throw shapeError(parsed.error.issues[0]!);
  const input = parsed.data;
  const title = redactFor(deps, checkText(input.title.replace(/\s+/g, ' '), 'title', MAX_TITLE, true));
  const description = redactFor(deps, checkText(input.description ?? '', 'description', MAX_DESCRIPTION));
  const link = input.link === undefined ? undefined : redactFor(deps, checkLink(input.link));
  return {
    title: title.text,
    description: description.text,
    severity: input.severity ?? DEFAULT_SEVERITY,
    type: withField('type', () => checkType(deps, input.type ?? 'other')),
    ...(input.dedupe_key !== undefined ? { dedupeKey: checkDedupeKey(deps, input.dedupe_key) } : {}),
    ...(link ? { link: link.text } : {}),
    observables: (input.observables ?? []).map((o, i) => checkObservable(deps, o, `observables[${i}]`)),
    redacted: [...new Set([...title.found, ...description.found, ...(link?.found ?? [])])],
  };
}

/** The body's first problem as an error naming the field (a path such as observables[2].type). */
function shapeError(issue: z.core.$ZodIssue): AppError {
  if (issue.code === 'unrecognized_keys') {
    const at = fieldName(issue.path);
    const keys = issue.keys.join(', ');
    return new AppError('invalid_input', `${at ? `${at} has` : 'The alert has'} unknown field(s): ${keys}.`, { field: at ? `${at}.${issue.keys[0]}` : issue.keys[0] });
  }
  const field = fieldName(issue.path);
  if (!field) return new AppError('invalid_input', 'The body must be a JSON object with at least a title.', { field: '' });
  return new AppError('invalid_input', `${field} ${issue.message}.`, { field });
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

/** A dedupe key: free text within its limit, and never a secret (a key with a hole cut in it would match nothing). */
function checkDedupeKey(deps: RedactionDeps, raw: string): SafeText {
  const key = redactFor(deps, checkText(raw, 'dedupe_key', MAX_DEDUPE_KEY, true));
  if (key.found.length > 0) throw new AppError('invalid_input', `dedupe_key holds ${describeKind(key.found[0]!)}: send an id, not a secret.`, { field: 'dedupe_key' });
  return key.text;
}

/** A link: an absolute http or https URL without a user name or password (redaction still follows, for tokens in it). */
function checkLink(raw: string): string {
  const text = raw.trim();
  const refuse = (why: string) => new AppError('invalid_input', `link ${why}.`, { field: 'link' });
  if (text.length > MAX_LINK) throw refuse(`is ${text.length} characters; the limit is ${MAX_LINK}`);
  if (!URL.canParse(text)) throw refuse('is not a URL: send an absolute http or https URL');
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse(`must be an http or https URL, not ${url.protocol.replace(/:$/, '')}`);
  if (url.username || url.password) throw refuse('must not carry a user name or password');
  return text;
}

/** One observable: typed, normalised, and refused when it holds a secret (as `ioc add` refuses one). */
function checkObservable(deps: RedactionDeps, o: { type: ObservableType; value: string }, field: string): { type: ObservableType; value: SafeText } {
  const first = redactFor(deps, o.value);
  const read = first.found.length === 0 ? withField(`${field}.value`, () => readObservable(first.text, o.type)) : undefined;
  const second = read && redactFor(deps, read.value);
  const found = first.found.length > 0 ? first.found : (second?.found ?? []);
  if (!read || !second || found.length > 0) {
    throw new AppError('invalid_input', `${field}.value holds ${describeKind(found[0] ?? 'secret')}: secrets are not recorded as observables.`, { field: `${field}.value` });
  }
  return { type: read.type, value: second.text };
}

/** Runs a check whose AppError does not name the API field, and names it. */
function withField<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof AppError) throw new AppError(err.code, `${field}: ${err.message}`, { ...err.details, field }, { cause: err });
    throw err;
  }
}
