// Example scripts must never touch incidents they did not create, whatever is already in DATA_DIR. So a script names
// the incident it declared as `$inc` (captured from the bot's announcement when the declaration happens in this run,
// never guessed from the data), the evidence item it logged last as `$ev` (numbered across incidents, so an earlier
// run's EV-3 is never this run's), and anything else it creates that needs a unique name uses `$run`.
import { randomBytes } from 'node:crypto';
import type { EmuActivity, EmuMessage, SlackEmulatorApi } from './emulator/types.js';
import { LineError } from './line-errors.js';

// The announcement the bot posts in INCIDENT_CHANNEL for every new incident, ":rotating_light: *INC-7* declared · …"
// (a drill has a short prefix). Anchored at the start, so a title or note quoting those words captures nothing.
const DECLARED = /^[^\n]{0,40}?:rotating_light: \*(INC-\d+)\* declared · /;
// The bot's reply to the person who logged an item, ":file_folder: Logged *EV-12* on *INC-3*." (ephemeral), anchored too.
const LOGGED = /^:file_folder: Logged \*(EV-\d+)\* on \*INC-\d+\*\.$/;

/** The refs this run captured, and the expansion of `$inc` and `$run` in a line. */
export class CapturedRefs {
  /** A tag unique to this run (4 letters or digits), for names that must not clash with earlier runs'. */
  readonly run = randomBytes(3).toString('hex').slice(0, 4);
  private inc: string | undefined;
  private ev: string | undefined;
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

  /** The line with `$inc`, `$ev` and `$run` replaced; one not captured yet in this run is the line's error. */
  expand(line: string): string {
    return line.replace(/\$(inc|ev|run)\b/gi, (_m, name: string) => {
      if (name.toLowerCase() === 'run') return this.run;
      if (name.toLowerCase() === 'ev') {
        if (this.ev === undefined) throw new LineError('$ev is the evidence item logged in this run, and none has been logged yet');
        return this.ev;
      }
      if (this.inc === undefined) throw new LineError('$inc is the incident declared in this run, and none has been declared yet');
      return this.inc;
    });
  }

  /** Stop listening. */
  stop(): void {
    this.unsubscribe();
  }

  private capture(a: EmuActivity): void {
    if (a.kind !== 'message' || a.message.user !== this.emu.botUser.id) return;
    const logged = LOGGED.exec(a.message.text);
    if (logged) this.ev = logged[1];
    if (!this.fromBot(a.message) || a.message.channel !== this.announcements()) return;
    const m = DECLARED.exec(a.message.text);
    if (m) this.inc = m[1];
  }

  private fromBot(m: EmuMessage): boolean {
    return m.user === this.emu.botUser.id && !m.ephemeral;
  }
}
