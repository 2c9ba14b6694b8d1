// The outgoing worker as the bot runs it: the senders this config can use, over core's deliveries API.
import type { Config } from '../config.js';
import type { Clock, Core } from '../core/index.js';
import type { Logger } from '../log.js';
import type { Fetch } from './http.js';
import { pagerDutySender, webhookSender } from './senders.js';
import { OutgoingWorker, type OutgoingTuning } from './worker.js';
import { emailSender, fromDomain } from './email/sender.js';
import { smtpMailer } from './email/smtp.js';

/** What tests replace: tuning, the worker id, the jitter and fetch. */
export type OutgoingOptions = Partial<OutgoingTuning> & { workerId?: string; random?: () => number; fetch?: Fetch };

/** The worker for this config (started by the caller). */
export function outgoingWorker(config: Config, core: Core, deps: { clock: Clock; logger: Logger; sleep: (ms: number) => Promise<void> }, options: OutgoingOptions = {}): OutgoingWorker {
  const { workerId, random, fetch, ...tuning } = options;
  return new OutgoingWorker({
    deliveries: core.deliveries,
    clock: deps.clock,
    logger: deps.logger,
    sleep: deps.sleep,
    // Both always: a page enqueued before PAGERDUTY_ROUTING_KEY was removed is given up with that reason, not left pending.
    senders: {
      webhook: webhookSender(core.deliveries),
      pagerduty: pagerDutySender({ routingKey: config.pagerduty.routingKey, eventsUrl: config.pagerduty.eventsUrl }),
      // Without SMTP_URL nothing enqueues email; one left from before it was removed is given up with that reason.
      ...(config.smtp ? { email: emailSender(smtpMailer(config.smtp), fromDomain(config.smtp.from)) } : {}),
    },
    tuning,
    ...(workerId ? { workerId } : {}),
    ...(random ? { random } : {}),
    ...(fetch ? { fetch } : {}),
  });
}
