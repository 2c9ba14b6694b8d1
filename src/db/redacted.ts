// Column types for everything people and visitors write: free text (`redactedText`) and JSON holding it
// (`redactedJson`). Their TypeScript type is SafeText / SafeJson, which only the redaction step in
// src/core/redaction/apply.ts makes, so storing a raw string does not type-check. As a last line against a cast, the
// value is redacted again (and cleared of direction overrides) on its way to the database with the built-in detectors
// (REDACT_PATTERNS are applied by the step itself, which knows them); text that passed the step comes out unchanged. The SQL types stay text and jsonb.
import { customType } from 'drizzle-orm/pg-core';
import { redact } from '../shared/redact.js';
import { stripDirectionControls } from '../shared/invisible.js';
import { DECOY_CREDENTIAL_PATTERN } from '../shared/decoy-credential.js';
import type { SafeJson, SafeText } from '../shared/safe-text.js';

const PATTERNS = [DECOY_CREDENTIAL_PATTERN];

function redactLeaves(v: unknown): unknown {
  if (typeof v === 'string') return redact(stripDirectionControls(v), PATTERNS).text;
  if (Array.isArray(v)) return v.map(redactLeaves);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactLeaves(x)]));
  return v;
}

/** A free-text column: holds only redacted text. */
export const redactedText = customType<{ data: SafeText; driverData: string }>({
  dataType: () => 'text',
  toDriver: (value) => redact(typeof value === 'string' ? stripDirectionControls(value) : value, PATTERNS).text,
  fromDriver: (value) => value as SafeText,
});

/** A jsonb column whose strings are all redacted (drizzle's jsonb mapping, with the redaction on the way in). */
export function redactedJson<T>(name: string) {
  return customType<{ data: SafeJson<T>; driverData: unknown }>({
    dataType: () => 'jsonb',
    toDriver: (value) => JSON.stringify(redactLeaves(value)),
    fromDriver: (value) => (typeof value === 'string' ? (JSON.parse(value) as SafeJson<T>) : (value as SafeJson<T>)),
  })(name);
}

/** The empty text, for column defaults. */
export const EMPTY_TEXT = '' as SafeText;
