// The running bot: the system from the composition root (src/compose.ts: config → database, clock → core) plus Slack
// and the HTTP server. Used by `npm start` (src/main.ts), the sandbox and the end-to-end tests, so all three run
// exactly the same code.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebClient } from '@slack/web-api';
import { sql } from 'drizzle-orm';
import type { Config } from './config.js';
import type { Core, Clock } from './core/index.js';
import type { Database } from './db/types.js';
import { composeCore, openFoundation } from './compose.js';
import { reminderSettings } from './scheduled-posts.js';
import { startSlotScheduler } from './scheduler/slots.js';
import { startSweep } from './scheduler/sweep.js';
import { slackPoster } from './slack/services/awareness-poster.js';
import { slackDigestPoster } from './slack/services/digest-poster.js';
import { realSleep, type Sleep } from './slack/services/retry.js';
import { createLogger, type Logger } from './log.js';
import { BackgroundWork } from './slack/background.js';
import { createSlackApp, registerListeners } from './slack/app.js';
import { slackClients } from './slack/clients.js';
import { responderCheck } from './slack/responders.js';
import { decoyRoute } from './web/decoy-route.js';
import { decoyHitBudget } from './web/decoy-budget.js';
import { alertRoute } from './web/alerts/route.js';
import { reportJoinedAlert } from './slack/services/alert-joined.js';
import { reportDecoyHits } from './slack/listeners/events/decoy-credentials.js';
import { OutboxWorker, type OutboxTuning } from './slack/outbox/worker.js';
import { loadPlan, loadVersionedPlan, NO_PLAN_MESSAGE } from './core/index.js';
import { AppError } from './shared/errors.js';
import { channelMemberCheck } from './slack/channel-members.js';
import { installationFrom, type Installation } from './slack/installation.js';
import { BodyBudget } from './slack/request-body.js';
import { currentHomeView } from './slack/services/home.js';
import { createMetrics, type MetricsServer } from './web/metrics/index.js';
import type { OutboxPort } from './core/index.js';
import { outgoingWorker, type OutgoingOptions } from './outgoing/start.js';
import type { OutgoingWorker } from './outgoing/worker.js';
import { startMailPoller } from './mail/poller.js';
import type { IntakeResult } from './mail/intake.js';
import { openImapMailbox } from './mail/imap-mailbox.js';
import { slackUserByEmail } from './slack/services/user-by-email.js';

/** A running Rampart. */
export interface RampartApp {
  /** Base URL of the HTTP server; Slack requests go to `${url}/slack/events`. */
  url: string;
  /** Where Prometheus scrapes (`http://host:port/metrics`); undefined when METRICS_PORT is off. */
  metricsUrl: string | undefined;
  core: Core;
  database: Database;
  /** The Slack outbox worker (tests drain it and read its pacing waits). */
  outbox: OutboxWorker;
  /** The outgoing deliveries' worker (webhooks, PagerDuty); tests drain it. */
  outgoing: OutgoingWorker;
  /** Bytes of request bodies being read right now (tests check that refused and closed ones give theirs back). */
  heldBodyBytes(): number;
  /** Runs the scheduled jobs (weekly tip, digest, stale list, follow-up reminders, reminders, channel archive sweep) due at the clock's time now, as the scheduler's triggers do. */
  runScheduledPosts(): Promise<ScheduledReport[]>;
  /** Runs a pass over the report mailbox now, as its poller does every MAIL_POLL_INTERVAL; [] when MAIL_IMAP_HOST is unset. */
  pollMailbox(): Promise<IntakeResult[]>;
  /** Resolves when all Slack work started after acks has finished and no outbox row is due. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** What a run of a scheduled job did with one slot (posted, missed, skipped, …). */
export interface ScheduledReport {
  job: string;
  kind: string;
  slotAt: Date;
}

/** How startRampart runs: what tests and the sandbox replace (clock, database, sleeps) and tune (retries, limits). */
export interface StartOptions {
  /** How the awareness and digest posters wait between retries (tests record the waits instead of sleeping). */
  sleep?: Sleep;
  /**
   * Run the scheduled posts' triggers: false runs none; by default the awareness tip runs when AWARENESS_CHANNELS is
   * set and the digest when INCIDENT_CHANNEL and DIGEST_CRON are.
   */
  scheduler?: boolean;
  /** The one clock (tests and the sandbox move it): core, the signature check and the caches read time from it. */
  clock?: Clock;
  logger?: Logger;
  /** An already open database (tests); otherwise one is opened from the config. */
  database?: Database;
  /** Web API retries on server errors (default 3; tests use 0). */
  slackRetries?: number;
  /** The outbox worker's tuning and its client's timeout (default 5 s); tests shorten them. */
  outbox?: Partial<OutboxTuning> & { timeoutMs?: number; workerId?: string };
  /** The HTTP server's limits on unauthenticated requests (tests make them small). */
  http?: Partial<HttpLimits>;
  /** The outgoing deliveries' worker's tuning, jitter and fetch (tests). */
  outgoing?: OutgoingOptions;
}

/** How much an unauthenticated request may hold, and for how long. */
export interface HttpLimits {
  /** One request body (default 1 MiB, src/slack/request-body.ts). */
  bodyBytes: number;
  /** All bodies being read at once (default 16 MiB). */
  bodiesInFlightBytes: number;
  /**
   * Receiving a whole request, headers and body (Node's requestTimeout). Slack sends at once and gives up on an
   * answer after 3 s, so 10 s only ever cuts off a sender that trickles or stalls.
   */
  requestTimeoutMs: number;
  /** How often Node checks those timeouts (its default, 30 s, would let a stalled sender stay up to 40 s). */
  timeoutCheckIntervalMs: number;
}

const DEFAULT_HTTP_LIMITS: Omit<HttpLimits, 'bodyBytes' | 'bodiesInFlightBytes'> = { requestTimeoutMs: 10_000, timeoutCheckIntervalMs: 1_000 };

/** Starts the bot. Slack credentials must be present (the caller checks them with a friendly message). */
export async function startRampart(config: Config, options: StartOptions = {}): Promise<RampartApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const base = await openFoundation(config, { logger, ...(options.database ? { database: options.database } : {}), ...(options.clock ? { clock: options.clock } : {}) });
  const { database, clock, playbooks } = base;
  const nowMs = () => clock.now().getTime();
  const botToken = config.slack.botToken!;
  const retries = options.slackRetries ?? 3;
  const { timeoutMs = 5_000, workerId, ...tuning } = options.outbox ?? {};
  // Metrics are counted from the first Slack call (auth.test) on, so the registry comes before the clients.
  const metrics = config.metrics.port !== undefined ? createMetrics() : undefined;
  const clients = slackClients(botToken, { apiUrl: config.slack.apiUrl, retries, outboxTimeoutMs: timeoutMs, fetch: metrics?.slackFetch });
  // The token check (auth.test), which also says whose requests to serve, is asked once the database is open (the
  // usual reason a start fails, which then calls no one) and awaited once core is ready, so its round trip to Slack
  // overlaps building core. If building core fails, that error is the one reported; this one is left unheard.
  const identity = identify(clients.startup, config.slack.appId);
  identity.catch(() => {});
  const sleep = options.sleep ?? realSleep;
  // Slack side effects of core changes go through the outbox; the worker (with its own bounded client) delivers them.
  const outbox = new OutboxWorker({
    db: database.db,
    clock,
    client: clients.outbox,
    logger,
    playbooks,
    reminders: reminderSettings(config, options.scheduler !== false),
    oobPlan: () => (config.oobPlanFile ? loadPlan(config.oobPlanFile) : Promise.reject(new AppError('invalid_input', NO_PLAN_MESSAGE))),
    oobVersionedPlan: () => (config.oobPlanFile ? loadVersionedPlan(config.oobPlanFile) : Promise.reject(new AppError('invalid_input', NO_PLAN_MESSAGE))),
    // Core is built next (it needs this worker as its outbox port); Home tabs are rendered only once rows arrive.
    homeView: (userId) => currentHomeView(core, userId),
    sleep,
    tuning,
    ...(workerId ? { workerId } : {}),
  });
  let botUserId: string | undefined;
  // Core wakes one port after a commit: Slack rows wake the Slack worker, deliveries the outgoing one (webhooks, PagerDuty).
  // The outgoing worker needs core, so it is made after it and found here through `late`.
  const late: { outgoing?: OutgoingWorker } = {};
  // idle() stays the Slack worker's: core waits on it to tell a person how their Slack notices went, never on a webhook.
  const wake: OutboxPort = { notify: () => outbox.notify(), notifyDeliveries: () => late.outgoing?.notify(), idle: () => outbox.idle() };
  const core = await composeCore(base, {
    isResponder: responderCheck(config.responders, clients.responders, logger),
    access: {
      isChannelMember: channelMemberCheck(clients.membership, logger, nowMs),
      onRefusal: (refusal) => logger.warn({ refusal }, 'access refused'),
      decoyHitAllowed: decoyHitBudget(config.decoys.rateLimit),
    },
    outbox: wake,
    posters: {
      awareness: slackPoster(clients.slotPosts, sleep),
      digest: slackDigestPoster(clients.slotPosts, sleep),
      // The out-of-band plan's reminders go to the awareness channels' members, the bot left out (it cannot message itself).
      members: async (channel) => (await channelMembers(clients.slotPosts, channel)).filter((id) => id !== botUserId),
    },
  });
  const outgoingWork = outgoingWorker(config, core, { clock, logger, sleep }, options.outgoing);
  late.outgoing = outgoingWork;
  const background = new BackgroundWork(logger);
  const limits = { ...DEFAULT_HTTP_LIMITS, ...options.http };
  const bodies = new BodyBudget(limits.bodyBytes, limits.bodiesInFlightBytes);
  let slack: ReturnType<typeof createSlackApp>;
  let metricsServer: MetricsServer | undefined;
  try {
    // Read before the first message arrives, so it waits for no query (src/core/decoys/cache.ts).
    await core.decoys.loadLiveCredentials();
    // Awaited here so a bad token or an unreachable Slack fails start-up with its error.
    const { installation, bot } = await identity;
    botUserId = bot.botUserId;
    logger.info({ installation }, 'serving this Slack installation');
    slack = createSlackApp({
      botToken,
      ...(config.slack.signingSecret ? { signingSecret: config.slack.signingSecret } : {}),
      ...(config.slack.appToken ? { appToken: config.slack.appToken } : {}),
      ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}),
      retries,
      logger,
      installation,
      bot,
      gate: { bodies, claimSignature: (signature, validUntil) => core.requests.claimSignature(signature, validUntil) },
      now: nowMs,
      ...(metrics ? { observer: metrics.requests, fetch: metrics.slackFetch } : {}),
    });
    await slack.app.init();
    // Started here so an address already in use fails the start like any other start-up problem.
    metricsServer = metrics && (await metrics.serve({ ...config.metrics, port: config.metrics.port! }, () => core.health.snapshot(), logger));
  } catch (err) {
    if (!options.database) await database.close();
    throw err;
  }
  const { app, requestListener, disconnect } = slack;
  app.error(async (err) => {
    logger.error({ err }, 'unhandled Slack listener error');
    // Rethrown so the receiver leaves an Events API delivery unacknowledged (HTTP 500, or no socket ack) and Slack
    // redelivers it, e.g. a 📌 that arrived while the database was restarting. Swallowed here, it would be acked and lost.
    throw err;
  });
  const slackDeps = { core, logger, background, incidentChannel: config.incidentChannel };
  registerListeners(app, slackDeps, { publicUrl: config.decoys.publicUrl, path: config.decoys.path });
  // Decoy links live on this server; the page goes out at once, then the hit is looked up and recorded, then Slack hears.
  const decoys = decoyRoute({
    path: config.decoys.path,
    trustProxy: config.decoys.trustProxy,
    trip: (req) => core.decoys.tripFromRequest(req),
    triage: (reqs) => core.decoys.worthRecording(reqs),
    onTripped: (hits) => reportDecoyHits(slackDeps, app.client, hits),
    logger,
  });
  // POST /api/v1/alerts: tools with an alert source's token open or join triage incidents (src/web/alerts).
  const alertIntake = alertRoute({
    alerts: core.alerts,
    bodies,
    rateLimit: config.alerts.rateLimit,
    trustProxy: config.decoys.trustProxy,
    logger,
    onReceived: (received) => reportJoinedAlert(slackDeps, received),
  });

  const server = http.createServer({ requestTimeout: limits.requestTimeoutMs, headersTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.timeoutCheckIntervalMs }, (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      database.db
        .execute(sql`select 1`)
        .then(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'))
        .catch(() => res.writeHead(503, { 'content-type': 'application/json' }).end('{"ok":false,"error":"database unavailable"}'));
      return;
    }
    if (requestListener && req.method === 'POST' && path === '/slack/events') return requestListener(req, res);
    // Before the decoys: a DECOY_PATH such as /api must not swallow the intake.
    if (alertIntake.handle(req, res)) return;
    if (decoys.handle(req, res)) return;
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  }).catch(async (err: unknown) => {
    // A port already in use ends the start: what was opened for it is closed again, so a retry finds its ports free.
    await metricsServer?.close();
    if (!options.database) await database.close();
    throw err;
  });
  if (config.slack.appToken) await app.start();
  outbox.start();
  outgoingWork.start();
  const digestSchedule = core.digest.schedule();
  const staleSchedule = core.reminders.staleSchedule();
  const followupSchedule = core.followups.schedule();
  const oobPlanSchedule = config.oobPlanFile && config.awareness.channels.length > 0 ? core.oob.schedule() : undefined;
  const schedulers = [
    ...((options.scheduler ?? config.awareness.channels.length > 0) ? [startSlotScheduler('awareness', core.awareness.schedule(), core.awareness.runDue, logger)] : []),
    ...(options.scheduler !== false && digestSchedule ? [startSlotScheduler('digest', digestSchedule, core.digest.runDue, logger)] : []),
    ...(options.scheduler !== false && config.archiveAfterMs !== undefined ? [startSweep('channel archive', archivesDue(core), logger)] : []),
    ...(options.scheduler !== false && staleSchedule ? [startSlotScheduler('stale list', staleSchedule, core.reminders.runDueStaleList, logger)] : []),
    ...(options.scheduler !== false ? [startSweep('reminders', core.reminders.runDue, logger)] : []),
    // Notification clocks: reminders before each legal deadline and its overdue notice (no quiet hours: deadlines do not sleep).
    ...(options.scheduler !== false ? [startSweep('clocks', core.clocks.runDue, logger)] : []),
    ...(options.scheduler !== false ? [startSweep('asks', core.asks.runDue, logger)] : []),
    ...(options.scheduler !== false && followupSchedule ? [startSlotScheduler('followups', followupSchedule, core.followups.runDue, logger)] : []),
    ...(options.scheduler !== false && oobPlanSchedule ? [startSlotScheduler('oob plan', oobPlanSchedule, core.oob.runDue, logger)] : []),
  ];
  // The jobs a scheduler would trigger with this config, for a caller that moves its own clock (the sandbox's `wait`).
  const scheduledJobs = [
    ...(config.awareness.channels.length > 0 ? [{ name: 'awareness', runDue: core.awareness.runDue }] : []),
    ...(digestSchedule ? [{ name: 'digest', runDue: core.digest.runDue }] : []),
    ...(staleSchedule ? [{ name: 'stale list', runDue: core.reminders.runDueStaleList }] : []),
    ...(followupSchedule ? [{ name: 'followups', runDue: core.followups.runDue }] : []),
    ...(oobPlanSchedule ? [{ name: 'oob plan', runDue: core.oob.runDue }] : []),
  ];
  // The phishing-report mailbox, when MAIL_IMAP_HOST is set: every replica may poll it (core handles each message once).
  const mail = config.mail;
  const mailPoller = mail
    ? startMailPoller({ open: () => openImapMailbox(mail), core, logger, intervalMs: mail.pollIntervalMs, reporterDomains: mail.reporterDomains, slackUserByEmail: slackUserByEmail(clients.responders, logger) })
    : undefined;
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  logger.info({ port, mode: config.slack.appToken ? 'socket' : 'http' }, 'Rampart is listening');

  let stopped = false;
  return {
    url: `http://${host}:${port}`,
    metricsUrl: metricsServer?.url,
    core,
    database,
    outbox,
    outgoing: outgoingWork,
    heldBodyBytes: () => bodies.heldBytes,
    runScheduledPosts: async () => {
      const reports: ScheduledReport[] = [];
      for (const job of scheduledJobs) for (const o of await job.runDue()) reports.push({ job: job.name, kind: o.kind, slotAt: o.slotAt });
      // The archive sweep has no slots to report: what it enqueues shows in the channels themselves.
      await core.archive.runDue();
      // Reminders have no slots: what they send shows as the messages themselves.
      await core.reminders.runDue();
      await core.clocks.runDue();
      // Unanswered questions' reminders and reports, like the update reminders: the messages are what shows.
      await core.asks.runDue();
      return reports;
    },
    pollMailbox: () => mailPoller?.pollNow() ?? Promise.resolve([]),
    idle: async () => {
      // Decoy hits start Slack follow-ups, which may release outbox rows (the announcement), so the outbox comes last.
      await decoys.idle();
      await background.idle();
      await outbox.idle();
      await outgoingWork.idle();
      await background.idle();
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections would hold close() open.
      server.closeAllConnections();
      await closed;
      await metricsServer?.close();
      // Every decoy request answered before the close is recorded (and its Slack follow-up started) before the database goes.
      await decoys.idle();
      await Promise.all(schedulers.map((s) => s.stop()));
      await mailPoller?.stop();
      if (disconnect) await disconnect();
      // The outbox first: follow-ups waiting on it then return at once, so a paced queue never holds up a shutdown.
      // What it did not deliver stays in the table for the next start or another replica.
      await outbox.stop();
      await outgoingWork.stop();
      await background.idle();
      if (!options.database) await database.close();
    },
  };
}

/** This bot's installation and identity, from auth.test (Slack's answer for the bot token) and SLACK_APP_ID. */
async function identify(client: WebClient, appId: string | undefined): Promise<{ installation: Installation; bot: { botId?: string; botUserId?: string } }> {
  const auth = await client.auth.test();
  return {
    installation: installationFrom(auth, appId),
    // Bolt skips its own auth.test when given both (and calls it itself otherwise).
    bot: auth.bot_id && auth.user_id ? { botId: auth.bot_id, botUserId: auth.user_id } : {},
  };
}

/** The archive sweep as the minutely sweep reports it: one line per incident whose channel it queued for archiving. */
function archivesDue(core: Core): () => Promise<{ kind: string; incident: string }[]> {
  return async () => (await core.archive.runDue()).enqueued.map((incident) => ({ kind: 'queued for archiving', incident }));
}

/** Every member of a channel, all pages (conversations.members). */
async function channelMembers(client: WebClient, channel: string): Promise<string[]> {
  const members: string[] = [];
  for await (const page of client.paginate('conversations.members', { channel, limit: 200 })) {
    members.push(...((page as { members?: string[] }).members ?? []));
  }
  return members;
}
