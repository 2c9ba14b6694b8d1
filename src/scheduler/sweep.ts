// node-cron only triggers: a job run every minute (the reminders' sweep, the channel archive sweep). What is due, and
// whether it was already sent, is decided in core, which is safe to call from every replica at once.
import type { Logger } from '../log.js';
import { startTriggers } from './triggers.js';

/** Starts a minutely sweep and runs it once at once (for what fell due while every replica was down). */
export function startSweep(name: string, run: () => Promise<readonly { kind: string }[]>, logger: Logger): { stop(): Promise<void> } {
  const report = (outcomes: readonly { kind: string }[]) => {
    for (const o of outcomes) logger.info({ outcome: o }, `${name} ${o.kind}`);
  };
  return startTriggers([{ cron: '* * * * *', name: `${name}-sweep` }], run, report, `${name} sweep failed`, logger);
}
