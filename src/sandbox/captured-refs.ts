// Example scripts must never touch incidents they did not create, whatever is already in DATA_DIR. So a script names
// the incident it declared as `$inc` (captured from the bot's announcement when the declaration happens in this run,
// never guessed from the data), and anything else it creates that needs a unique name uses `$run`.
import { randomBytes } from 'node:crypto';
import type { EmuActivity, EmuMessage, SlackEmulatorApi } from './emulator/types.js';
import { LineError } from './line-errors.js';

// The announcement the bot posts in INCIDENT_CHANNEL for every new incident, ":rotating_light: *INC-7* declared · …"
// (a drill has a short prefix). Anchored at the start, so a title or note quoting those words captures nothing.
const DECLARED = /^[^\n]{0,40}?:rotating_light: \*(INC-\d+)\* declared · /;

/** The refs this run captured, and the expansion of `$inc` and `$run` in a line. */
export class CapturedRefs {
  /** A tag unique to this run (4 letters or digits), for names that must not clash with earlier runs'. */
  readonly run = randomBytes(3).toString('hex').slice(0, 4);
  private inc: string | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly emu: SlackEmulatorApi,
    private readonly announcements: () => string | undefined,
  ) {
    this.unsubscribe = emu.onActivity((a) => this.capture(a));
  }

  /** The incident most recently declared in this run, if any. */
  get lastIncident(): string | undefined {
    return this.inc;
  }

  /** The line with `$inc` and `$run` replaced; `$inc` before any declaration in this run is the line's error. */
  expand(line: string): string {
    return line.replace(/\$(inc|run)\b/gi, (_m, name: string) => {
      if (name.toLowerCase() === 'run') return this.run;
      if (this.inc === undefined) throw new LineError('$inc is the incident declared in this run, and none has been declared yet');
      return this.inc;
    });
  }

  /** Stop listening. */
  stop(): void {
    this.unsubscribe();
  }

  private capture(a: EmuActivity): void {
    if (a.kind !== 'message' || !this.fromBot(a.message) || a.message.channel !== this.announcements()) return;
    const m = DECLARED.exec(a.message.text);
    if (m) this.inc = m[1];
  }

  private fromBot(m: EmuMessage): boolean {
    return m.user === this.emu.botUser.id && !m.ephemeral;
  }
}
