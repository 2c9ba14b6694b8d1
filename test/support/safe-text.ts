// Test data for SafeText fields: passed through the real redaction step, as production text is.
import { redactFor } from '../../src/core/redaction/apply.js';
import type { SafeText } from '../../src/shared/safe-text.js';

/** The text after the redaction step with no REDACT_PATTERNS. */
export function safe(text: string): SafeText {
  return redactFor({ redactPatterns: [] }, text).text;
}
