// Decoy requests wait here between their answer and their recording. The answer goes out at once and is the same for
// every token, so neither whether a token is live (a database look-up) nor storing its hit can show in the timing.
// One worker drains the queue in arrival order, a batch at a time (so junk can be set aside with one query per batch);
// stop() waits for it, so no hit is lost while the process runs.
//
// When the queue is full: the request is answered as always but not queued, and the number dropped is logged as an
// error. It fills only when the database cannot keep up (down, or a flood far beyond what a decoy sees), and its
// capacity bounds the memory a flood can take. Hits already queued keep their place: the first hits are kept.
import type { DecoyRequest } from '../core/index.js';
import type { Logger } from '../log.js';

/** Queued requests at most (headers are bounded by Node's 16 KB limit, so about 16 MB in the worst case). */
export const DECOY_QUEUE_CAPACITY = 1000;
/** Requests handed to the recorder at once. */
const BATCH = 100;

/** A bounded queue of decoy requests and the one worker that records them. */
export class DecoyHitQueue {
  private readonly pending: DecoyRequest[] = [];
  private worker: Promise<void> | undefined;
  private dropped = 0;

  constructor(
    private readonly record: (batch: DecoyRequest[]) => Promise<void>,
    private readonly logger: Logger,
    private readonly capacity = DECOY_QUEUE_CAPACITY,
  ) {}

  /** Queues a request whose answer has gone out; false when the queue was full and it will not be recorded. */
  push(req: DecoyRequest): boolean {
    if (this.pending.length >= this.capacity) {
      this.dropped += 1;
      return false;
    }
    this.pending.push(req);
    this.worker ??= this.drain().finally(() => {
      this.worker = undefined;
    });
    return true;
  }

  /** Resolves once every queued request has been handled (recorded, set aside, or failed and logged). */
  async idle(): Promise<void> {
    while (this.worker) await this.worker;
  }

  private async drain(): Promise<void> {
    // The worker starts on the next turn of the event loop, after the answer has been handed to the socket.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, BATCH);
      try {
        await this.record(batch);
      } catch (err) {
        this.logger.error({ err, requests: batch.length }, 'could not record decoy hits');
      }
    }
    if (this.dropped > 0) {
      this.logger.error({ dropped: this.dropped, capacity: this.capacity }, 'decoy queue was full: requests were answered but not looked at');
      this.dropped = 0;
    }
  }
}
