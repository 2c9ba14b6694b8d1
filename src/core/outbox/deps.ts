// The outbox's ports: how core and adapters reach whatever delivers the outbox (the Slack worker), and what it reports back.

/** The delivering side of the outbox, as core and adapters see it. */
export interface OutboxPort {
  /** Something was enqueued and committed: deliver it now rather than at the next poll. */
  notify(): void;
  /** An outgoing delivery (webhook, page; src/core/deliveries) was enqueued and committed; absent: notify() is called instead. */
  notifyDeliveries?(): void;
  /** Resolves once nothing due is left to deliver (rows waiting on a backoff or a hold are not due). */
  idle(): Promise<void>;
}

/** How one attempt went, as the worker saw it. */
export type AttemptOutcome =
  | { kind: 'delivered'; result: Record<string, unknown>; invited?: string[] }
  | { kind: 'retry'; at: Date; error: string }
  /**
   * Not a failure: the worker held the row back to keep within Slack's rate limits (pacing), or Slack refused the
   * attempt's first call outright (a 429). Due again at `at`, with no timeline event. With `nothingSent` no call of
   * this attempt can have taken effect, so the attempt is given back: the next one is a first try, with no look-up
   * for an earlier attempt's effect. `error` (a 429's) is kept as the row's last error.
   */
  | { kind: 'deferred'; at: Date; nothingSent: boolean; error?: string }
  | { kind: 'failed'; error: string };
