// Redaction as core applies it before storing: with the deployment's own patterns, and recorded on the event.
import type { CoreDeps } from '../context.js';
import type { SlackMessageRef } from '../timeline/events.js';
import { redact, type Redacted } from './redact.js';
import { DECOY_CREDENTIAL_PATTERN } from '../decoys/decoy.js';

/** Redacts text with the built-in detectors, decoy credentials and REDACT_PATTERNS. */
export function redactFor(deps: Pick<CoreDeps, 'redactPatterns'>, text: string): Redacted {
  return redact(text, [DECOY_CREDENTIAL_PATTERN, ...deps.redactPatterns]);
}

/** A copied Slack message with its text redacted, and what was found. */
export function redactMessage(deps: Pick<CoreDeps, 'redactPatterns'>, message: SlackMessageRef): { message: SlackMessageRef; found: string[] } {
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
