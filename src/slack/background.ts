// Work that must happen after Slack has its ack (channel creation, invites, posts). Handlers hand it here instead of
// awaiting it, so the HTTP response goes out first; idle() lets tests and the sandbox wait for it to finish.
import type { Logger } from '../log.js';

/** Tracks fire-and-forget Slack work. */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();
  constructor(private readonly logger: Logger) {}

  /** Runs fn on the next turn of the event loop (after the handler returns and the ack is sent). Errors are logged. */
  afterAck(what: string, fn: () => Promise<void>): void {
    const p = new Promise<void>((resolve) => setImmediate(resolve))
      .then(fn)
      .catch((err: unknown) => this.logger.error({ err, what }, 'background Slack work failed'))
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Resolves once no work is pending, including work started by work. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
