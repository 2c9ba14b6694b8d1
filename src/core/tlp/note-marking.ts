// A note's own marking: a leading `TLP:<marking>` token (right after the reference, before any `at 14:05`), or the
// select of the card's note form. Only that first token counts, and only with its `TLP:` prefix, so "red team
// confirmed" or a TLP label later in the text never marks a note.
import { AppError } from '../../shared/errors.js';
import { parseTlp, tlpLabel, tlpRank, type Tlp } from './tlp.js';

const LEADING = /^\s*(TLP:\S+)(?:\s+|$)/i;

/** The leading marking token of a note and the text after it; a `TLP:` token naming no marking is refused. */
export function splitNoteMarking(text: string): { tlp?: Tlp; text: string } {
  const m = LEADING.exec(text);
  if (!m) return { text };
  const tlp = parseTlp(m[1]!);
  if (!tlp) throw new AppError('invalid_input', `"${m[1]}" is not a TLP marking: start the note with TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED, or leave it out.`);
  return { tlp, text: text.slice(m[0].length) };
}

/** Refuses a note marking looser than its incident's: a note may narrow who receives it, never widen it. */
export function requireNotLooser(ref: string, note: Tlp, incident: Tlp): void {
  if (tlpRank(note) >= tlpRank(incident)) return;
  throw new AppError(
    'invalid_input',
    `${ref} is marked ${tlpLabel(incident)}; a note may be marked as strictly or more strictly, not ${tlpLabel(note)}. Leave the marking out to use the incident's.`,
  );
}
