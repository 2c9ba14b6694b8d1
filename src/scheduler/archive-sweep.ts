// node-cron only triggers the channel archive sweep every minute; what is due, and that it happens once across
// replicas and restarts, is decided in core (core.archive.runDue). Kept apart from the slot scheduler: it has no slots.
import cron from 'node-cron';
import type { ArchiveSweep } from '../core/index.js';
import type { Logger } from '../log.js';

/** Starts the minutely sweep and runs it once at once (for archives that fell due while every replica was down). */
export function startArchiveSweep(runDue: () => Promise<ArchiveSweep>, logger: Logger): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = () => {
    // One run at a time in this process; another replica at the same moment is what the row lock and the key are for.
    running ??= runDue()
      .then((sweep) => {
        if (sweep.enqueued.length > 0) logger.info({ incidents: sweep.enqueued }, 'incident channels due for archiving');
      })
      .catch((err: unknown) => logger.error({ err }, 'archive sweep failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const task = cron.schedule('* * * * *', tick, { name: 'archive-sweep', noOverlap: true });
  void tick();
  return {
    async stop() {
      await task.destroy();
      await running;
    },
  };
}
