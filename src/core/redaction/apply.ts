// The one redaction step. Every text a person or a visitor supplies passes through here before it is stored or sent:
// the functions below are the only makers of SafeText and SafeJson, which the free-text columns of src/db/schema.ts
// and the timeline and outbox payloads require. Rampart's own words pass through too (redacting them changes nothing),
// so no caller has to decide whether a text "could" hold a secret.
import type { SlackMessageRef } from '../timeline/events.js';
import { redact, type CustomPattern } from '../../shared/redact.js';
import { DECOY_CREDENTIAL_PATTERN } from '../../shared/decoy-credential.js';
import type { SafeJson, SafeText } from '../../shared/safe-text.js';
import { isOnlyInvisible, storable, stripDirectionControls } from '../../shared/invisible.js';

export type { SafeJson, SafeText } from '../../shared/safe-text.js';

/** What redaction needs to know: the deployment's own patterns (REDACT_PATTERNS). */
export interface RedactionDeps {
  /** REDACT_PATTERNS (CoreDeps.redactPatterns); spelt out here, not picked from CoreDeps, so context.ts can import this file without a cycle. */
  redactPatterns: readonly CustomPattern[];
}

/** Redacted text and the kinds found, de-duplicated, in the order they appear. */
export interface SafeRedacted {
  text: SafeText;
  found: string[];
}

/**
 * Redacts text with the built-in detectors, decoy credentials and REDACT_PATTERNS. Direction overrides are removed
 * here too, and text that shows nothing becomes empty, so no stored or sent text can skip either (the text rules
 * refuse such text with a message naming the field; this is the floor under them).
 */
export function redactFor(deps: RedactionDeps, text: string): SafeRedacted {
  // A payload of the wrong shape (a number where Slack sends text) is left to redact as before, not made to throw.
  // Every untrusted text passes here before it is stored: it leaves fit for Postgres, whatever a sender put in it.
  const visible = typeof text === 'string' ? storable(stripDirectionControls(text)) : text;
  const { text: out, found } = redact(typeof visible === 'string' && isOnlyInvisible(visible) ? '' : visible, patternsOf(deps));
  return { text: out as SafeText, found };
}

/** Redacts every field of a record of texts; found lists the kinds from all of them. */
export function redactFields<K extends string>(deps: RedactionDeps, fields: Readonly<Record<K, string>>): { fields: Record<K, SafeText>; found: string[] } {
  const found: string[][] = [];
  const out = {} as Record<K, SafeText>;
  for (const key of Object.keys(fields) as K[]) {
    const r = redactFor(deps, fields[key]);
    out[key] = r.text;
    found.push(r.found);
  }
  return { fields: out, found: mergeFound(...found) };
}

/**
 * Redacts every string inside a JSON value (object keys are Rampart's own and are left alone). The value is copied
 * through JSON first, so what is returned is exactly what a jsonb column keeps.
 */
export function redactJson<T>(deps: RedactionDeps, value: T): { value: SafeJson<T>; found: string[] } {
  const found: string[][] = [];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const r = redactFor(deps, v);
      if (r.found.length > 0) found.push(r.found);
      return r.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const copied = value === undefined ? value : (JSON.parse(JSON.stringify(value)) as unknown);
  return { value: walk(copied) as SafeJson<T>, found: mergeFound(...found) };
}

/** A copied Slack message with its text redacted, and what was found. */
export function redactMessage(deps: RedactionDeps, message: SlackMessageRef): { message: SlackMessageRef; found: string[] } {
  const { text, found } = redactFor(deps, message.text);
  return { message: { ...message, text }, found };
}

/** The payload field recording what was redacted, or nothing when nothing was. */
export function redactedField(found: readonly string[]): { redacted?: string[] } {
  return found.length > 0 ? { redacted: [...found] } : {};
}

/** Kinds from several redactions, de-duplicated, in order. */
export function mergeFound(...lists: readonly string[][]): string[] {
  return [...new Set(lists.flat())];
}

// The deployment's patterns of each open transaction, so the timeline append and the outbox enqueue (which receive
// only the transaction) redact with REDACT_PATTERNS too. inTransaction registers every transaction it opens.
const transactionPatterns = new WeakMap<object, RedactionDeps>();

/** Records the redaction patterns a transaction's writes use (called by inTransaction). */
export function bindRedaction(tx: object, deps: RedactionDeps): void {
  transactionPatterns.set(tx, { redactPatterns: deps.redactPatterns });
}

/** The patterns of a transaction opened by inTransaction; throws for any other, so no write can skip them. */
export function redactionOf(tx: object): RedactionDeps {
  const deps = transactionPatterns.get(tx);
  if (!deps) throw new Error('timeline and outbox writes must run in a transaction opened by inTransaction (it carries the redaction patterns)');
  return deps;
}

function patternsOf(deps: RedactionDeps): CustomPattern[] {
  return [DECOY_CREDENTIAL_PATTERN, ...deps.redactPatterns];
}
