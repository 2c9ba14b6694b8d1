// How core and adapters reach whatever delivers the outbox (the Slack worker), without knowing it.

/** The delivering side of the outbox, as core and adapters see it. */
export interface OutboxPort {
  /** Something was enqueued and committed: deliver it now rather than at the next poll. */
  notify(): void;
  /** Resolves once nothing due is left to deliver (rows waiting on a backoff or a hold are not due). */
  idle(): Promise<void>;
}
