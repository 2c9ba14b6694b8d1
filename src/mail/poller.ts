// Polls the report mailbox every MAIL_POLL_INTERVAL: connect, handle what waits, log out. A short session per poll
// survives server restarts and dropped connections without reconnect logic; any replica may poll, since core handles
// each message once. A failed poll (server down, bad password) is logged, and tried again at the next interval.
import type { Core } from '../core/index.js';
import type { Logger } from '../log.js';
import { runIntake, type IntakeOptions, type IntakeResult } from './intake.js';
import type { ReportMailbox } from './mailbox.js';

/** A running poller. */
export interface MailPoller {
  /** Runs one pass now (waiting for a running one first); what it did. */
  pollNow(): Promise<IntakeResult[]>;
  /** Stops polling; resolves once a pass under way has finished. */
  stop(): Promise<void>;
}

/** Starts polling: the first pass at once, then one every intervalMs after the previous ended. */
export function startMailPoller(opts: { open: () => Promise<ReportMailbox>; core: Core; logger: Logger; intervalMs: number } & IntakeOptions): MailPoller {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<IntakeResult[]> = Promise.resolve([]);
  let lastProblem: string | undefined;
  const pass = async (): Promise<IntakeResult[]> => {
    const mailbox = await opts.open();
    try {
      return await runIntake(opts.core, mailbox, opts.logger, { ...(opts.slackUserByEmail ? { slackUserByEmail: opts.slackUserByEmail } : {}), ...(opts.reporterDomains ? { reporterDomains: opts.reporterDomains } : {}) });
    } finally {
      await mailbox.close();
    }
  };
  const once = (): Promise<IntakeResult[]> => {
    running = running.then(
      () => pass(),
      () => pass(),
    );
    return running.then(
      (results) => {
        if (lastProblem) opts.logger.info('report mailbox reachable again');
        lastProblem = undefined;
        return results;
      },
      (err: unknown) => {
        const problem = (err as Error).message;
        // Once per distinct problem: a mailbox down for a day is one line, not one per minute.
        if (problem !== lastProblem) opts.logger.error({ err }, 'report mailbox poll failed');
        lastProblem = problem;
        return [];
      },
    );
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void once().then(schedule), opts.intervalMs);
    timer.unref();
  };
  void once().then(schedule);
  return {
    pollNow: once,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => []);
    },
  };
}
