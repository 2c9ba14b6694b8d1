// The outbox's ports: how core and adapters reach whatever delivers the outbox (the Slack worker), and what it reports back.

/** The delivering side of the outbox, as core and adapters see it. */
export interface OutboxPort {
  /** Something was enqueued and committed: deliver it now rather than at the next poll. */
  notify(): void;
  /** Resolves once nothing due is left to deliver (rows waiting on a backoff or a hold are not due). */
  idle(): Promise<void>;
}

/** How one attempt went, as the worker saw it. */
export type AttemptOutcome =
  | { kind: 'delivered'; result: Record<string, unknown>; invited?: string[] }
  | { kind: 'retry'; at: Date; error: string }
  | { kind: 'failed'; error: string };
