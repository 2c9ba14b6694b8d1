// Decoys (honeytokens): what one is, how its token is made, and the pure rules about names, credentials and the
// request details a hit may keep. Nothing here touches the database.
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import type { CustomPattern } from '../redaction/redact.js';

/** What is planted: a URL, a document that loads the URL when opened, or a fake credential. */
export const DECOY_KINDS = ['url', 'document', 'credential'] as const;
export type DecoyKind = (typeof DECOY_KINDS)[number];

/** A stored decoy. */
export interface Decoy {
  id: number;
  name: string;
  kind: DecoyKind;
  token: string;
  note: string;
  createdBy: string;
  createdAt: Date;
  retiredAt: Date | null;
  retiredBy: string | null;
}

/** 24 random bytes: 192 bits, 32 base64url characters, so a token can be neither guessed nor enumerated. */
const TOKEN_BYTES = 24;
/** Looks like a restricted API key; the body is the token, so recognition is by exact token, never by prefix. */
const CREDENTIAL_PREFIX = 'rk_live_';
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

/**
 * Anything shaped like a decoy credential is redacted before it is stored, live or not. Tripping is decided
 * separately, by exact lookup among live decoys, so a made-up string of this shape trips nothing.
 */
export const DECOY_CREDENTIAL_PATTERN: CustomPattern = {
  name: 'decoy-credential',
  pattern: new RegExp(String.raw`(?<![\w-])${CREDENTIAL_PREFIX}[A-Za-z0-9_-]{${Math.ceil((TOKEN_BYTES * 4) / 3)}}(?![\w-])`, 'g'),
};

/** A decoy name, checked and lower-cased. */
export function checkName(raw: string): string {
  const name = raw.trim().toLowerCase();
  if (!NAME.test(name)) {
    throw new AppError('invalid_input', `"${raw}" is not a usable decoy name: use up to 40 letters, digits, dots, hyphens or underscores.`);
  }
  return name;
}

/** A decoy kind, checked. */
export function checkKind(raw: string): DecoyKind {
  const kind = raw.trim().toLowerCase();
  if ((DECOY_KINDS as readonly string[]).includes(kind)) return kind as DecoyKind;
  throw new AppError('invalid_input', `"${raw}" is not a decoy kind. Kinds: ${DECOY_KINDS.join(', ')}.`);
}

/** A note, checked for length. */
export function checkNote(raw: string | undefined): string {
  const note = (raw ?? '').trim();
  if (note.length > MAX_DECOY_NOTE) throw new AppError('invalid_input', `The note is ${note.length} characters; keep it under ${MAX_DECOY_NOTE}.`);
  return note;
}

// Credentials and session identifiers must never reach the timeline, whoever sent them.
const SECRET_HEADERS = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization', 'x-api-key', 'x-auth-token', 'x-csrf-token', 'x-xsrf-token']);
const MAX_HEADER_VALUE = 300;
const MAX_HEADERS = 40;

/** Request headers fit to record: secret-bearing ones dropped, values truncated, at most 40. */
export function recordableHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (value === undefined || SECRET_HEADERS.has(name) || Object.keys(out).length >= MAX_HEADERS) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = text.length > MAX_HEADER_VALUE ? `${text.slice(0, MAX_HEADER_VALUE)}…` : text;
  }
  return out;
}
