// Delivers the outgoing outbox (webhooks, PagerDuty, email): claims due lane heads, builds each request with its
// channel's sender and POSTs it with a timeout (or lets a non-HTTP sender send), and settles the attempt (with its
// delivery-log row). Woken after a commit that enqueued something, and by a periodic poll for retries that came due and rows other replicas left behind.
import { randomUUID } from 'node:crypto';
import type { Clock, DeliveriesApi, DeliveryOutcome, DeliveryRow } from '../core/index.js';
import type { Logger } from '../log.js';
import { post, type Fetch } from './http.js';
import { backoffMs, verdictOf, type Verdict } from './retry.js';
import { Undeliverable, type Senders } from './senders.js';
import { ClaimLoop } from '../shared/claim-loop.js';

/** Tuning; the defaults suit production. */
export interface OutgoingTuning {
  leaseMs: number;
  pollMs: number;
  /** How long one request may take, answer included. */
  timeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Attempts before a delivery is given up. */
  maxAttempts: number;
  /** Time since a delivery was enqueued after which it is not retried any more (a page a day late helps no one). */
  maxAgeMs: number;
  batch: number;
}

/** About 13 attempts over a few hours, each with 10 s to answer. */
export const DEFAULT_OUTGOING_TUNING: OutgoingTuning = { leaseMs: 60_000, pollMs: 5_000, timeoutMs: 10_000, backoffBaseMs: 5_000, backoffMaxMs: 30 * 60_000, maxAttempts: 13, maxAgeMs: 24 * 3_600_000, batch: 10 };

/** What the worker needs. */
export interface OutgoingWorkerDeps {
  deliveries: DeliveriesApi;
  clock: Clock;
  senders: Senders;
  logger: Logger;
  /** Waits in drain (tests pass one that moves a fake clock). */
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  fetch?: Fetch;
  workerId?: string;
  tuning?: Partial<OutgoingTuning>;
}

/** The outgoing deliveries' worker. */
export class OutgoingWorker {
  readonly id: string;
  private readonly tuning: OutgoingTuning;
  private readonly loop: ClaimLoop<DeliveryRow>;

  constructor(private readonly deps: OutgoingWorkerDeps) {
    this.id = deps.workerId ?? `outgoing-${randomUUID().slice(0, 8)}`;
    this.tuning = { ...DEFAULT_OUTGOING_TUNING, ...deps.tuning };
    this.loop = new ClaimLoop({
      claim: () => deps.deliveries.claim({ worker: this.id, leaseMs: this.tuning.leaseMs, limit: this.tuning.batch }),
      deliver: (row) => this.deliver(row),
      countDue: () => deps.deliveries.countDue(),
      nextDueAt: () => deps.deliveries.nextDueAt(),
      now: () => deps.clock.now(),
      sleep: deps.sleep,
      passFailed: (err) => deps.logger.error({ err }, 'outgoing deliveries pass failed'),
      pollMs: this.tuning.pollMs,
    });
  }

  /** Starts the periodic poll, and a first pass for deliveries left from before a restart. */
  start(): void {
    this.loop.start();
  }

  /** Wakes the worker; a pass already running goes round once more. */
  notify(): void {
    this.loop.notify();
  }

  /** Resolves once no delivery is due and no pass is running (deliveries waiting on a backoff are not due). */
  idle(): Promise<void> {
    return this.loop.idle();
  }

  /** Delivers everything pending, waiting (with the injected sleep) for backoffs: every delivery ends delivered or given up. */
  drain(): Promise<void> {
    return this.loop.drain();
  }

  /** Stops polling and waits for the pass under way; what is not delivered stays for the next start or another replica. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One attempt of one delivery, settled whatever happens. */
  private async deliver(row: DeliveryRow): Promise<DeliveryOutcome> {
    const started = this.deps.clock.now();
    const startedMs = performance.now();
    let verdict: Verdict;
    let httpStatus: number | null = null;
    try {
      // The claim counted this attempt. Past the bounds already means earlier attempts never settled (the process died
      // during them, e.g. on this very delivery): give up now rather than let one delivery be claimed for ever.
      if (row.attempts > this.tuning.maxAttempts || started.getTime() - row.createdAt.getTime() > this.tuning.maxAgeMs) {
        throw new Undeliverable(`gave up after ${row.attempts - 1} attempt${row.attempts === 2 ? '' : 's'} that never finished or the age limit`);
      }
      const sender = this.deps.senders[row.channel];
      if (!sender) throw new Undeliverable(`no sender for ${row.channel} deliveries in this process`);
      if (typeof sender !== 'function') verdict = await sender.send(row, started);
      else {
        const request = await sender(row, started);
        const answer = await post(request, { timeoutMs: this.tuning.timeoutMs, now: () => this.deps.clock.now().getTime(), ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}) });
        httpStatus = answer.status;
        verdict = verdictOf(answer);
      }
    } catch (err) {
      verdict = err instanceof Undeliverable ? { kind: 'failed', error: err.message } : { kind: 'retry', error: networkError(err) };
    }
    const outcome = this.outcomeOf(row, verdict, httpStatus, performance.now() - startedMs);
    if (outcome.kind !== 'delivered') this.deps.logger.warn({ delivery: row.id, channel: row.channel, event: row.event, attempts: row.attempts, outcome: outcome.kind, error: outcome.error }, 'outgoing delivery failed');
    if (!(await this.deps.deliveries.settle(row, this.id, outcome))) this.deps.logger.warn({ delivery: row.id }, 'outgoing delivery lease lost; another worker has it');
    return outcome;
  }

  private outcomeOf(row: DeliveryRow, verdict: Verdict, httpStatus: number | null, durationMs: number): DeliveryOutcome {
    if (verdict.kind === 'delivered') return { kind: 'delivered', httpStatus, durationMs };
    if (verdict.kind === 'failed') return { kind: 'failed', httpStatus, error: verdict.error, durationMs };
    const now = this.deps.clock.now().getTime();
    const wait = verdict.afterMs ?? backoffMs(row.attempts, this.tuning.backoffBaseMs, this.tuning.backoffMaxMs, this.deps.random);
    const at = now + wait;
    // Bounded: past the attempts or the age limit, the delivery is given up and the log says why.
    if (row.attempts >= this.tuning.maxAttempts || at - row.createdAt.getTime() > this.tuning.maxAgeMs) {
      return { kind: 'failed', httpStatus, error: `gave up after ${row.attempts} attempt${row.attempts === 1 ? '' : 's'}: ${verdict.error}`, durationMs };
    }
    return { kind: 'retry', at: new Date(at), httpStatus, error: verdict.error, durationMs };
  }
}

function networkError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'no answer in time';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}
