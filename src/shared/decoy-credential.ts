// The shape of a decoy credential. It lives below core and db because the database's column backstop redacts anything
// of this shape before it is stored, as core's redaction step does (src/core/decoys/decoy.ts makes the credentials).
import type { CustomPattern } from './redact.js';

/** 24 random bytes: 192 bits, 32 base64url characters, so a token can be neither guessed nor enumerated. */
export const TOKEN_BYTES = 24;
/** Looks like a restricted API key; the body is the token, so recognition is by exact token, never by prefix. */
export const CREDENTIAL_PREFIX = 'rk_live_';

/**
 * Anything shaped like a decoy credential is redacted before it is stored, live or not. Tripping is decided
 * separately, by exact lookup among live decoys, so a made-up string of this shape trips nothing.
 */
export const DECOY_CREDENTIAL_PATTERN: CustomPattern = {
  name: 'decoy-credential',
  pattern: new RegExp(String.raw`(?<![\w-])${CREDENTIAL_PREFIX}[A-Za-z0-9_-]{${Math.ceil((TOKEN_BYTES * 4) / 3)}}(?![\w-])`, 'g'),
};
