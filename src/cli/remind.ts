// `rampart remind <INC-n> snooze <30m|2h|tomorrow>` and `rampart remind <INC-n> stop`: an incident's update reminders
// from a terminal, as the reminder's buttons and `/incident remind` change them (a timeline event each; the card then
// shows the new deadline). The CLI is the trusted operator.
import type { Config } from '../config.js';
import { AppError } from '../shared/errors.js';
import { OPERATOR, withCore } from './commands.js';

type Out = (line: string) => void;

/** `rampart remind`. */
export async function remindCommand(config: Config, ref: string, action: string, choice: string | undefined, out: Out): Promise<void> {
  const what = action.toLowerCase();
  if (what === 'stop' && choice === undefined) {
    await withCore(config, async (core) => {
      const { incident } = await core.reminders.stop(OPERATOR, ref);
      out(`${incident.ref}: update reminders stopped.`);
    });
    return;
  }
  if (what !== 'snooze' || choice === undefined) throw new AppError('invalid_input', 'Usage: rampart remind INC-3 snooze 30m|2h|tomorrow, or rampart remind INC-3 stop.');
  await withCore(config, async (core) => {
    const { incident, until } = await core.reminders.snooze(OPERATOR, ref, choice);
    out(`${incident.ref}: update reminder snoozed until ${until!.toISOString()}.`);
  });
}
