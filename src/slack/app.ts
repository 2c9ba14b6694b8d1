// The Bolt app: HTTP mode (our own server: /healthz, then the request gate and Bolt's receiver) or Socket Mode when
// an app token is set. Listeners are registered per folder.
import type http from 'node:http';
import type { App } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { SlackDeps } from './deps.js';
import { boltLogger } from './bolt-logger.js';
import { boltClientOptions } from './clients.js';
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
import { register as registerStatusConfirm } from './listeners/actions/status-confirm.js';
import { register as registerKeepOpen } from './listeners/actions/keep-open.js';
import { register as registerEditButtons } from './listeners/actions/edit-buttons.js';
import { register as registerCardButtons } from './listeners/actions/card-buttons.js';
import { register as registerCardModals } from './listeners/views/card-modals.js';
import { register as registerFollowupButtons } from './listeners/actions/followup-buttons.js';
import { register as registerOobButtons } from './listeners/actions/oob-buttons.js';
import { register as registerFollowupReassign } from './listeners/views/followup-reassign.js';
import { register as registerObservableOffer } from './listeners/actions/observable-offer.js';
import { register as registerObservableAdd } from './listeners/views/observable-add.js';
import { register as registerAskButtons } from './listeners/actions/ask-buttons.js';
import { register as registerDecoyCommand, type DecoyLinks } from './listeners/commands/decoy.js';
import { register as registerDecoyCredentials } from './listeners/events/decoy-credentials.js';
import { register as registerAppHome } from './listeners/events/app-home.js';
import { register as registerHomeButtons } from './listeners/actions/home-buttons.js';
import { register as registerReminderButtons } from './listeners/actions/reminder-buttons.js';
import { register as registerUpdateNote } from './listeners/views/update-note.js';
import { peopleNoticer } from './listeners/people-seen.js';
import { RoutedApp } from './routed-app.js';
import { AckingHTTPReceiver, AckingSocketReceiver } from './receivers.js';
import type { Installation } from './installation.js';
import type { RequestGate } from './request-gate.js';
import type { FetchFunction } from '@slack/web-api';
import type { GateRefusal, RequestObserver } from './request-observer.js';

export interface SlackAppOptions {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  /** Web API retries on 5xx and network errors (429 is always honoured with Retry-After). */
  retries: number;
  logger: Logger;
  /** The workspace (or org) and app whose requests are served; others are acked with nothing done. */
  installation: Installation;
  /** From the start-up auth.test, so Bolt does not call it again. */
  bot: { botId?: string; botUserId?: string };
  /** HTTP mode: the body caps and the ledger of accepted signatures (src/slack/request-gate.ts). */
  gate?: Pick<RequestGate, 'bodies' | 'claimSignature'>;
  now?: () => number;
  /** Metrics: told of each request and its ack (receivers.ts), and the fetch Bolt's clients make their calls with. */
  observer?: RequestObserver;
  fetch?: FetchFunction;
}

/** Registers every listener: the manifest test checks this list against manifest.json. */
export function registerListeners(app: App, slackDeps: SlackDeps, decoyLinks?: DecoyLinks): void {
  const deps: SlackDeps = { ...slackDeps, noticePeople: slackDeps.noticePeople ?? peopleNoticer(slackDeps) };
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
  registerFollowupButtons(app, deps);
  registerAskButtons(app, deps);
  registerOobButtons(app, deps);
  registerFollowupReassign(app, deps);
  registerObservableOffer(app, deps);
  registerObservableAdd(app, deps);
  registerStatusConfirm(app, deps);
  registerKeepOpen(app, deps);
  registerEditButtons(app, deps);
  registerCardButtons(app, deps);
  registerCardModals(app, deps);
  registerDecoyCommand(app, deps, decoyLinks);
  registerDecoyCredentials(app, deps);
  registerAppHome(app, deps);
  registerHomeButtons(app, deps);
  registerReminderButtons(app, deps);
  registerUpdateNote(app, deps);
}

/** Builds the Bolt app and, in HTTP mode, the request listener to mount. */
export function createSlackApp(opts: SlackAppOptions): { app: App; requestListener?: http.RequestListener; disconnect?: () => Promise<void> } {
  const logger = boltLogger(opts.logger);
  const clientOptions = boltClientOptions(opts.apiUrl, opts.retries, opts.fetch);
  const served = { installation: opts.installation, logger: opts.logger, ...(opts.observer ? { observer: opts.observer } : {}) };
  if (opts.appToken) {
    // Socket Mode has no signatures to replay: Slack delivers over a WebSocket the bot opened with its app token, and
    // each envelope is acked once by id. The workspace and app are checked all the same (in the ack rules).
    const receiver = new AckingSocketReceiver({ appToken: opts.appToken, logger, clientOptions, served });
    const app = new RoutedApp({ token: opts.botToken, ...opts.bot, receiver, logger, clientOptions, convoStore: false, deferInitialization: true });
    return { app, disconnect: () => receiver.disconnect() };
  }
  const receiver = new AckingHTTPReceiver({
    signingSecret: opts.signingSecret!,
    // Events are acknowledged only once handled (stored), so Slack retries anything we failed to keep.
    processBeforeResponse: true,
    // The request gate has checked this signature (and its timestamp, both ways) against the same secret before Bolt
    // sees the request; a second HMAC and constant-time compare per request bought nothing (issue 17).
    signatureVerification: false,
    logger,
    served,
    gate: { ...opts.gate!, signingSecret: opts.signingSecret!, now: opts.now ?? Date.now, logger: opts.logger, ...(opts.observer ? { refused: (reason: GateRefusal) => opts.observer!.refused(reason) } : {}) },
  });
  // Initialised by the caller (app.init()), so the token check is awaited rather than left as a dangling promise.
  // convoStore: false (both modes): no listener keeps state in context.conversation, and Bolt's default store looked it
  // up for every request.
  const app = new RoutedApp({ token: opts.botToken, ...opts.bot, receiver, logger, clientOptions, convoStore: false, deferInitialization: true });
  return { app, requestListener: receiver.requestListener };
}
