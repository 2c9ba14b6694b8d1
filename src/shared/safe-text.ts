// The types of text that has been through redaction. Only src/core/redaction/apply.ts makes them, so a column or a
// message typed SafeText cannot be given a person's raw words by mistake: such code does not type-check.
declare const redacted: unique symbol;

/** Text that has passed the one redaction step (or was read back from a column that only holds such text). */
export type SafeText = string & { readonly [redacted]: true };

/** A JSON value whose every string has passed the redaction step. */
export type SafeJson<T> = T & { readonly [redacted]: true };
