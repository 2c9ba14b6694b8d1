// The loop an outbox worker runs (the Slack outbox, the outgoing deliveries): passes that claim due rows and deliver
// them until none is left, woken after a commit that enqueued something and by a periodic poll (retries that came
// due, rows another replica left behind). Never two passes at once: a wake during a pass makes it go round once more.

/** What a worker plugs into the loop. */
export interface ClaimLoopParts<Row> {
  /** Leases the next due rows (one per lane); [] when none is due. */
  claim(): Promise<Row[]>;
  /** One attempt of one row, settled by the worker whatever happens. */
  deliver(row: Row): Promise<unknown>;
  /** How many rows are due now, and when the next one falls due (undefined: none is pending). */
  countDue(): Promise<number>;
  nextDueAt(): Promise<Date | undefined>;
  now(): Date;
  /** Waits in drain (tests pass one that moves a fake clock). */
  sleep(ms: number): Promise<void>;
  /** A pass failed (the database is unreachable, most likely): the next poll tries again and the rows are still there. */
  passFailed(err: unknown): void;
  pollMs: number;
}

/** A worker's claim-and-deliver loop. */
export class ClaimLoop<Row> {
  private running: Promise<void> | undefined;
  private again = false;
  private stoppedAt = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly parts: ClaimLoopParts<Row>) {}

  /** Whether stop() was called. */
  get stopped(): boolean {
    return this.stoppedAt;
  }

  /** Starts the periodic poll, and a first pass for rows left from before a restart. */
  start(): void {
    this.timer = setInterval(() => this.notify(), this.parts.pollMs);
    this.timer.unref();
    this.notify();
  }

  /** Wakes the loop; a pass already running goes round once more. */
  notify(): void {
    if (this.stoppedAt) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.passes().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves once no row is due and no pass is running (rows waiting on a backoff or hold are not due). */
  async idle(): Promise<void> {
    // Bounded: a due row another worker holds under a row lock for a moment must not keep this looping forever.
    for (let round = 0; round < 100 && !this.stoppedAt; round += 1) {
      if (this.running) {
        await this.running;
        continue;
      }
      if ((await this.parts.countDue()) === 0 && !this.running) return;
      this.notify();
    }
  }

  /**
   * Delivers everything pending, waiting (with the injected sleep) for holds and backoffs to run out: every row ends
   * delivered or given up, except rows another worker holds (its own loop settles them). For tests and tools; a
   * running bot relies on the poll instead.
   */
  async drain(): Promise<void> {
    for (let round = 0; round < 10_000 && !this.stoppedAt; round += 1) {
      await this.idle();
      const next = await this.parts.nextDueAt();
      if (!next) return;
      const wait = next.getTime() - this.parts.now().getTime();
      if (wait > 0) await this.parts.sleep(wait);
      this.notify();
    }
  }

  /** Stops polling and waits for the pass under way; rows not delivered stay for the next start or another replica. */
  async stop(): Promise<void> {
    this.stoppedAt = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async passes(): Promise<void> {
    try {
      do {
        this.again = false;
        for (;;) {
          const rows = await this.parts.claim();
          if (rows.length === 0 || this.stoppedAt) break;
          // One row per lane (lane heads), so lanes are delivered side by side and each in order.
          await Promise.all(rows.map((row) => this.parts.deliver(row)));
        }
      } while (this.again && !this.stoppedAt);
    } catch (err) {
      this.parts.passFailed(err);
    }
  }
}
