// Delivers the outbox: claims due rows (one per channel at a time, in order), paces each channel, and settles every
// attempt in the database. Woken right after a transaction that enqueued something commits, and by a periodic poll for
// retries that came due and rows other replicas left behind. Nothing here decides whether data is kept: it is already.
import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Clock, OutboxPort, AttemptOutcome, PlaybookLibrary, OobPlan, ReminderSettings } from '../../core/index.js';
import type { Db } from '../../db/types.js';
import { isMessage, claimDue, countClaimable, nextDueAt, type OutboxRow, settleAttempt } from '../../core/index.js';
import type { Logger } from '../../log.js';
import type { Sleep } from '../services/retry.js';
import { slackErrorOf } from '../services/slack-call.js';
import { attemptScope, type AttemptScope } from './client.js';
import { backoffMs, classify } from './errors.js';
import { PacingDeferred, SlackPacer } from './pacer.js';
import { send } from './send.js';
import type { HomeTab } from '../blocks/block-kit.js';
import { ClaimLoop } from '../../shared/claim-loop.js';

/** Tuning; the defaults suit production. */
export interface OutboxTuning {
  /** Least time between two messages in one channel (Slack allows about one a second). */
  paceMs: number;
  /** How long a claim is held before another worker may take the row over. */
  leaseMs: number;
  /** How often the worker looks for rows that came due without a wake-up. */
  pollMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Attempts before a row is given up (transient failures only; a permanent one gives up at once). */
  maxAttempts: number;
  /** Rows claimed at a time (each from a different channel). */
  batch: number;
  /** The longest wait for a Slack rate-limit slot made with the row held; a later slot puts the row back until then. */
  maxPaceWaitMs: number;
  /** Added to each rate-limit window, for calls that reach Slack later than they were sent. */
  paceMarginMs: number;
  /**
   * Pace calls to Slack's published limits. Off only where no limits apply and waits are not slept (tests against an
   * emulator without limits): there a wait would not pass, and rows would be put back for real seconds.
   */
  paceToSlack: boolean;
}

/** The defaults: ~1 message/s per channel, retries for about half an hour. */
export const DEFAULT_TUNING: OutboxTuning = { paceMs: 1_100, leaseMs: 60_000, pollMs: 3_000, backoffBaseMs: 1_000, backoffMaxMs: 300_000, maxAttempts: 12, batch: 10, maxPaceWaitMs: 2_000, paceMarginMs: 100, paceToSlack: true };

/** What the worker needs. */
export interface OutboxWorkerDeps {
  db: Db;
  clock: Clock;
  /** A bounded client: short timeout, no retries of its own, 429s rejected (see outboxClient). */
  client: WebClient;
  logger: Logger;
  /** The playbooks, which the channel's first message suggests. */
  playbooks: PlaybookLibrary;
  /** The reminder settings, for a commander a rule makes when its delivery settles (as core's own changes use them). */
  reminders?: ReminderSettings;
  /** Reads the out-of-band plan at delivery (it is never stored in the outbox). */
  oobPlan: () => Promise<OobPlan>;
  /** The plan with its version, read together at delivery: the posted plan's Acknowledge names the version it shows. */
  oobVersionedPlan?: () => Promise<{ plan: OobPlan; version: string }>;
  /** A person's Home tab as it is now, for home_refreshed (rendered at delivery). */
  homeView?: (userId: string) => Promise<HomeTab>;
  /** Pacing and drain waits (tests pass one that moves a fake clock). */
  sleep: Sleep;
  workerId?: string;
  tuning?: Partial<OutboxTuning>;
}

/** A pacing wait the worker made, for tests and debugging. */
export interface PaceWait {
  lane: string;
  ms: number;
}

/** The outbox worker. */
export class OutboxWorker implements OutboxPort {
  readonly id: string;
  /** Pacing waits made so far (the last 1,000). */
  readonly waits: PaceWait[] = [];
  private readonly tuning: OutboxTuning;
  private readonly lastPost = new Map<string, number>();
  /** Slack's per-method rate limits, kept by this process (see pacer.ts for why not across replicas). */
  private readonly pacer: SlackPacer;
  private readonly loop: ClaimLoop<OutboxRow>;

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.id = deps.workerId ?? `outbox-${randomUUID().slice(0, 8)}`;
    this.tuning = { ...DEFAULT_TUNING, ...deps.tuning };
    this.pacer = new SlackPacer({ now: () => deps.clock.now().getTime(), sleep: deps.sleep, maxWaitMs: this.tuning.maxPaceWaitMs, marginMs: this.tuning.paceMarginMs });
    this.loop = new ClaimLoop({
      claim: () => claimDue(deps.db, { worker: this.id, now: deps.clock.now(), leaseMs: this.tuning.leaseMs, limit: this.tuning.batch }),
      deliver: (row) => this.deliver(row),
      countDue: () => countClaimable(deps.db, deps.clock.now()),
      nextDueAt: () => nextDueAt(deps.db, deps.clock.now()),
      now: () => deps.clock.now(),
      sleep: deps.sleep,
      passFailed: (err) => deps.logger.error({ err }, 'outbox pass failed'),
      pollMs: this.tuning.pollMs,
    });
  }

  /** Forgets when each lane last posted and the recorded waits (a test harness reusing one bot between tests). */
  forgetPacing(): void {
    this.lastPost.clear();
    this.pacer.clear();
    this.waits.length = 0;
  }

  /** Starts the periodic poll (and a first pass for rows left from before a restart). */
  start(): void {
    this.loop.start();
  }

  /** Wakes the worker; a pass already running goes round once more. */
  notify(): void {
    this.loop.notify();
  }

  /** Resolves once no row is due and no pass is running. */
  idle(): Promise<void> {
    return this.loop.idle();
  }

  /** Delivers everything pending, waiting (with the injected sleep) for holds and backoffs (tests and tools). */
  drain(): Promise<void> {
    return this.loop.drain();
  }

  /** Stops polling and waits for the pass under way. Rows not delivered stay for the next start or another replica. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async deliver(row: OutboxRow): Promise<void> {
    if (isMessage(row.kind)) await this.pace(row.lane);
    let outcome: AttemptOutcome;
    const scope: AttemptScope = { owner: row.key, pacer: this.tuning.paceToSlack ? this.pacer : undefined, sent: 0, refusedFirst: false };
    try {
      const sent = await attemptScope.run(scope, () => send(this.deps.client, this.deps, row));
      outcome = { kind: 'delivered', result: { ...sent.result, worker: this.id }, ...(sent.invited ? { invited: sent.invited } : {}) };
    } catch (err) {
      outcome = this.afterFailure(row, err, scope);
      if (outcome.kind !== 'deferred') this.deps.logger.warn({ err, key: row.key, attempts: row.attempts, outcome: outcome.kind }, 'Slack outbox delivery failed');
    } finally {
      // A row put back before any call posted nothing, so its channel need not wait for it.
      if (isMessage(row.kind) && scope.sent > 0) this.lastPost.set(row.lane, this.deps.clock.now().getTime());
    }
    if (!(await settleAttempt(this.deps, row, this.id, outcome))) this.deps.logger.warn({ key: row.key }, 'outbox lease lost; another worker has the row');
  }

  private afterFailure(row: OutboxRow, err: unknown, scope: AttemptScope): AttemptOutcome {
    // Paced: the row comes back when its slot is due. Given back when nothing of this attempt was sent; otherwise it
    // counts, so the next attempt looks for what this one may have done.
    if (err instanceof PacingDeferred) return { kind: 'deferred', at: new Date(err.at), nothingSent: scope.sent === 0 };
    const error = slackErrorOf(err);
    const failure = classify(err);
    // Refused before anything of the attempt reached Slack: not a failure, and nothing to look for next time (no
    // conversations.list for a channel that cannot exist). Retry-After is honoured by the pacer and by the row's time.
    if (failure.kind === 'rate_limited' && scope.refusedFirst) return { kind: 'deferred', at: new Date(this.deps.clock.now().getTime() + failure.retryAfterMs), nothingSent: true, error };
    if (failure.kind === 'permanent' || row.attempts >= this.tuning.maxAttempts) return { kind: 'failed', error };
    const wait = failure.kind === 'rate_limited' ? failure.retryAfterMs : backoffMs(row.attempts, this.tuning.backoffBaseMs, this.tuning.backoffMaxMs);
    return { kind: 'retry', at: new Date(this.deps.clock.now().getTime() + wait), error };
  }

  /** Waits until the channel's last message is paceMs old. One wait, not a loop: a fake sleep must not spin. */
  private async pace(lane: string): Promise<void> {
    const last = this.lastPost.get(lane);
    if (last === undefined) return;
    const ms = last + this.tuning.paceMs - this.deps.clock.now().getTime();
    if (ms <= 0) return;
    this.waits.push({ lane, ms });
    if (this.waits.length > 1_000) this.waits.shift();
    await this.deps.sleep(ms);
  }
}
