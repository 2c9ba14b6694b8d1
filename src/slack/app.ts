// The Bolt app: HTTP mode (our own server: /healthz, a timestamp guard, then Bolt's receiver) or Socket Mode when an
// app token is set. Listeners are registered per folder.
import type http from 'node:http';
import { App } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { SlackDeps } from './deps.js';
import { boltLogger } from './bolt-logger.js';
import { register as registerCommands } from './listeners/commands/index.js';
import { register as registerDeclareModal } from './listeners/views/declare-modal.js';
import { register as registerReportMessage } from './listeners/shortcuts/report-message.js';
import { register as registerTimelineCopies } from './listeners/events/timeline-copies.js';
import { register as registerStepButtons } from './listeners/actions/step-buttons.js';
import { register as registerStartPlaybook } from './listeners/actions/start-playbook.js';
import { register as registerStepModals } from './listeners/views/step-modals.js';
import { register as registerAwarenessCommand } from './listeners/commands/awareness.js';
import { register as registerAwarenessButtons } from './listeners/actions/awareness-buttons.js';
import { register as registerPromoteLesson } from './listeners/views/promote-lesson.js';
import { register as registerReviewModal } from './listeners/views/review.js';
import { register as registerOpenReview } from './listeners/actions/open-review.js';
import { register as registerDecoyCommand, type DecoyLinks } from './listeners/commands/decoy.js';
import { register as registerDecoyCredentials } from './listeners/events/decoy-credentials.js';
import { AckingHTTPReceiver, AckingSocketReceiver } from './receivers.js';

export interface SlackAppOptions {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  /** Web API retries on 5xx and network errors (429 is always honoured with Retry-After). */
  retries: number;
  logger: Logger;
  now?: () => number;
}

/** Registers every listener: the manifest test checks this list against manifest.json. */
export function registerListeners(app: App, deps: SlackDeps, decoyLinks?: DecoyLinks): void {
  registerCommands(app, deps);
  registerDeclareModal(app, deps);
  registerReportMessage(app, deps);
  registerTimelineCopies(app, deps);
  registerStartPlaybook(app, deps);
  registerStepButtons(app, deps);
  registerStepModals(app, deps);
  registerAwarenessCommand(app, deps);
  registerAwarenessButtons(app, deps);
  registerPromoteLesson(app, deps);
  registerReviewModal(app, deps);
  registerOpenReview(app, deps);
  registerDecoyCommand(app, deps, decoyLinks);
  registerDecoyCredentials(app, deps);
}

/** Builds the Bolt app and, in HTTP mode, the request listener to mount. */
export function createSlackApp(opts: SlackAppOptions): { app: App; requestListener?: http.RequestListener; disconnect?: () => Promise<void> } {
  const logger = boltLogger(opts.logger);
  const clientOptions = {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    retryConfig: { retries: opts.retries, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
  };
  if (opts.appToken) {
    const receiver = new AckingSocketReceiver({ appToken: opts.appToken, logger, clientOptions });
    const app = new App({ token: opts.botToken, receiver, logger, clientOptions, deferInitialization: true });
    return { app, disconnect: () => receiver.disconnect() };
  }
  const receiver = new AckingHTTPReceiver({
    signingSecret: opts.signingSecret!,
    // Events are acknowledged only once handled (stored), so Slack retries anything we failed to keep.
    processBeforeResponse: true,
    logger,
  });
  // Initialised by the caller (app.init()), so the token check is awaited rather than left as a dangling promise.
  const app = new App({ token: opts.botToken, receiver, logger, clientOptions, deferInitialization: true });
  const now = opts.now ?? Date.now;
  const requestListener: http.RequestListener = (req, res) => {
    if (!timestampIsFresh(req.headers['x-slack-request-timestamp'], now())) {
      // Bolt rejects stale requests but accepts ones dated in the future; a replay window is a replay window.
      res.writeHead(401).end();
      return;
    }
    receiver.requestListener(req, res);
  };
  return { app, requestListener };
}

/** True when the Slack timestamp header is within 5 minutes of now, either way. */
export function timestampIsFresh(header: string | string[] | undefined, nowMs: number): boolean {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && Math.abs(nowMs / 1000 - seconds) <= 300;
}
