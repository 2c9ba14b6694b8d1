// Decoys (honeytokens): what one is, how its token is made, and the pure rules about names, credentials and the
// request details a hit may keep. Nothing here touches the database.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import { CREDENTIAL_PREFIX, TOKEN_BYTES } from '../../shared/decoy-credential.js';
import { redactFor, type RedactionDeps, type SafeRedacted, type SafeText } from '../redaction/apply.js';
import { isOnlyInvisible } from '../../shared/invisible.js';
import { invisibleOnly } from '../incidents/text-rules.js';

/** What is planted: a URL, a document that loads the URL when opened, or a fake credential. */
export const DECOY_KINDS = ['url', 'document', 'credential'] as const;
export type DecoyKind = (typeof DECOY_KINDS)[number];

/** A stored decoy. */
export interface Decoy {
  id: number;
  name: SafeText;
  kind: DecoyKind;
  token: string;
  note: SafeText;
  createdBy: string;
  createdAt: Date;
  retiredAt: Date | null;
  retiredBy: string | null;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;
/** Notes say where a decoy is planted; long enough for that, short enough for a list line. */
export const MAX_DECOY_NOTE = 200;

/** A fresh unguessable token. */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** The fake credential string to plant for a credential decoy. */
export function credentialFor(token: string): string {
  return `${CREDENTIAL_PREFIX}${token}`;
}

/** A decoy name, checked and lower-cased; a name that is itself a secret is refused (it would be listed and shown). */
export function checkName(deps: RedactionDeps, raw: string): SafeText {
  const name = raw.trim().toLowerCase();
  if (!NAME.test(name)) {
    throw new AppError('invalid_input', `"${raw}" is not a usable decoy name: use up to 40 letters, digits, dots, hyphens or underscores.`);
  }
  const checked = redactFor(deps, name);
  if (checked.found.length > 0) throw new AppError('invalid_input', 'That decoy name looks like a secret: name the decoy after where it is planted, not after what it holds.');
  return checked.text;
}

/** A decoy kind, checked. */
export function checkKind(raw: string): DecoyKind {
  const kind = raw.trim().toLowerCase();
  if ((DECOY_KINDS as readonly string[]).includes(kind)) return kind as DecoyKind;
  throw new AppError('invalid_input', `"${raw}" is not a decoy kind. Kinds: ${DECOY_KINDS.join(', ')}.`);
}

/** A note, checked for length and redacted (it is copied into the incident a hit declares). */
export function checkNote(deps: RedactionDeps, raw: string | undefined): SafeRedacted {
  const note = (raw ?? '').trim();
  if (note.length > MAX_DECOY_NOTE) throw new AppError('invalid_input', `The note is ${note.length} characters; keep it under ${MAX_DECOY_NOTE}.`);
  if (isOnlyInvisible(note)) throw invisibleOnly('note');
  return redactFor(deps, note);
}

// Only headers that describe the visitor's client and route are kept: any other name may carry a credential (there
// are as many token headers as there are services: x-slack-token, x-goog-api-key, private-token, x-vault-token …),
// so a list of names to drop would always be one short. What is kept is still redacted before it is stored.
const RECORDED_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'connection',
  'content-length',
  'content-type',
  'dnt',
  'forwarded',
  'host',
  'if-modified-since',
  'if-none-match',
  'origin',
  'pragma',
  'purpose',
  'referer',
  'sec-ch-ua',
  'sec-ch-ua-mobile',
  'sec-ch-ua-platform',
  'sec-fetch-dest',
  'sec-fetch-mode',
  'sec-fetch-site',
  'sec-fetch-user',
  'sec-purpose',
  'te',
  'upgrade-insecure-requests',
  'user-agent',
  'via',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'x-requested-with',
]);
const MAX_HEADER_VALUE = 300;

/** Request headers fit to record: only ordinary ones (see RECORDED_HEADERS), values truncated; redaction comes after. */
export function recordableHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (value === undefined || !RECORDED_HEADERS.has(name)) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = text.length > MAX_HEADER_VALUE ? `${text.slice(0, MAX_HEADER_VALUE)}…` : text;
  }
  return out;
}
