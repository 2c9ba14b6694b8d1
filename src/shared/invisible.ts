// Characters a reader cannot see. Direction overrides and isolates (U+202A-U+202E, U+2066-U+2069) reorder what
// follows them, so a title can read differently from what it says ("invoice\u202Eexe.pdf"); they are removed from
// every text in the redaction step, which every stored or sent text passes. The marks U+200E/U+200F/U+061C are
// kept: they only nudge neutral characters next to right-to-left words, which Hebrew and Arabic writers need.
// Text made only of blanks and invisible characters (zero-width spaces, joiners, word joiners, byte-order marks,
// other format characters, braille and Hangul fillers) looks empty and is refused where a person writes it.

const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// \p{Default_Ignorable_Code_Point} covers U+200B-U+200F, U+2060-U+206F, U+FEFF, U+00AD, U+3164 and the variation
// selectors and tags; \p{Cf} the remaining format characters; U+2800 (braille blank) shows as nothing.
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** Text without direction overrides, embeddings and isolates. */
export function stripDirectionControls(text: string): string {
  return text.replace(DIRECTION_CONTROLS, '');
}

/**
 * Text Postgres can store: without NUL (which neither text nor jsonb accepts, so one NUL from a decoded mail header
 * would fail its whole transaction on every retry) and with lone UTF-16 surrogates replaced (jsonb refuses those too).
 */
export function storable(text: string): string {
  return text.replaceAll('\u0000', '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** True when text shows nothing: only blanks and invisible characters (or nothing at all). */
export function looksEmpty(text: string): boolean {
  return text.replace(INVISIBLE, '') === '';
}

/** True when text is not empty yet shows nothing (it holds more than plain blanks: zero-width or format characters). */
export function isOnlyInvisible(text: string): boolean {
  return text.trim() !== '' && looksEmpty(text);
}
