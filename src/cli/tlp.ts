// `rampart tlp <ref> <marking> [reason…]`: sets an incident's TLP marking from a terminal, as `/incident tlp` does
// (a tlp_changed event; the card shows the new marking). Also reads `--tlp` for report and export.
import type { Config } from '../config.js';
import { AppError } from '../shared/errors.js';
import { parseTlp, tlpLabel, TLP_LEVELS, type Tlp } from '../core/index.js';
import { OPERATOR, withCore } from './commands.js';

type Out = (line: string) => void;

/** `rampart tlp`. */
export async function tlpCommand(config: Config, ref: string, marking: string, reason: string[], out: Out): Promise<void> {
  await withCore(config, async (core) => {
    const { before, incident } = await core.tlp.set(OPERATOR, ref, marking, reason.join(' '));
    out(`${incident.ref} is now marked ${tlpLabel(incident.tlp!)} (was ${tlpLabel(before)}).`);
  });
}

/** `--tlp <marking>`: the audience a report or export is written for; RED (everything) when left out. */
export function audienceOption(text: string | undefined): Tlp {
  if (text === undefined) return 'RED';
  const tlp = parseTlp(text);
  if (!tlp) throw new AppError('invalid_input', `--tlp takes one of ${TLP_LEVELS.join(', ')}, not "${text}".`);
  return tlp;
}
