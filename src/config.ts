// The only reader of process.env: every setting is parsed and checked here once, all problems are reported together,
// and the result is frozen. Secrets are never included in error messages or logs.
import { isIPv4 } from 'node:net';
import { z } from 'zod';
import { DEFAULT_INCIDENT_TYPES, SEVERITIES, type Severity, checkCron, durationMs, loadPlanSync, loadRulesSync, parseQuietHours, parseUpdateIntervals } from './core/index.js';
import { DEFAULT_CLOCK_REMINDERS, loadRegimesSync, parseReminderOffsets } from './core/index.js';
import { parseRedactPatterns } from './shared/redact.js';

const slackId = (prefix: string) => new RegExp(`^[${prefix}][A-Z0-9]{2,}$`);
const idList = (what: string, prefix: string) =>
  z
    .string()
    .default('')
    .transform((s) => s.split(/[\s,]+/).filter(Boolean))
    .refine((ids) => ids.every((id) => slackId(prefix).test(id)), `must be a comma-separated list of ${what}`);

const schema = z
  .object({
    SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional(),
    SLACK_SIGNING_SECRET: z.string().min(8, 'looks too short to be a signing secret').optional(),
    SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional(),
    // Optional but recommended: requests naming another app are refused (auth.test does not say which app we are).
    SLACK_APP_ID: z.string().regex(slackId('A'), 'must be an app id such as A0123ABCD (Basic Information page of your Slack app)').optional(),
    SLACK_API_URL: z.url({ message: 'must be a URL such as http://127.0.0.1:3999/api/' }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    TIMEZONE: z
      .string()
      .default('UTC')
      .refine((tz) => isTimeZone(tz), 'must be an IANA time zone such as Europe/Paris'),
    INCIDENT_CHANNEL: z
      .string()
      .regex(slackId('CG'), 'must be a channel id such as C0123ABCD')
      .optional(),
    RESPONDERS: idList('user ids (U…/W…) or one user-group id (S…)', 'UWS'),
    ADMINS: idList('user ids (U…/W…)', 'UW'),
    INCIDENT_TYPES: z
      .string()
      .default('')
      .transform((s) => s.split(/[\s,]+/).filter(Boolean).map((t) => t.toLowerCase()))
      .refine((ts) => ts.every((t) => /^[a-z0-9][a-z0-9-]{0,39}$/.test(t)), 'types are lowercase words with hyphens, comma-separated'),
    SENSITIVE_TYPES: z
      .string()
      .default('account-compromise,data-leak,comms-compromise,decoy-tripped,ransomware')
      .transform((s) => s.split(/[\s,]+/).filter(Boolean).map((t) => t.toLowerCase())),
    // `none` turns the closing rule off; an empty value means the default.
    REVIEW_REQUIRED_SEVERITIES: z
      .string()
      .default('sev1,sev2')
      .transform((s) => s.split(/[\s,]+/).filter(Boolean).map((v) => v.toLowerCase()))
      .refine((vs) => (vs.length === 1 && vs[0] === 'none') || vs.every((v) => (SEVERITIES as readonly string[]).includes(v)), `must be severities (${SEVERITIES.join(', ')}), comma-separated, or none`)
      .transform((vs) => (vs[0] === 'none' ? [] : [...new Set(vs)]) as Severity[]),
    PLAYBOOKS_DIR: z.string().min(1).optional(),
    // Read again on each `/incident oob` (so a rotated phrase needs no restart); checked here so a broken file shows at start-up.
    OOB_PLAN_FILE: z
      .string()
      .min(1)
      .optional()
      .superRefine((file, ctx) => {
        const problem = file === undefined ? undefined : oobPlanProblem(file);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    // Checked here for its format (every problem with its line); incident types and playbook ids when core is composed.
    RULES_FILE: z
      .string()
      .min(1)
      .optional()
      .superRefine((file, ctx) => {
        const problem = file === undefined ? undefined : rulesProblem(file);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    // `off` keeps closed incidents' channels; otherwise how long after closing they are archived.
    CHANNEL_ARCHIVE_AFTER: z
      .string()
      .default('7d')
      .refine((d) => d.trim().toLowerCase() === 'off' || (durationMs(d) ?? 0) > 0, 'a duration such as 7d, 36h or 90m, or off'),
    CACAO_SCHEMAS_DIR: z.string().min(1).optional(),
    AWARENESS_CRON: z
      .string()
      .default('0 9 * * 1')
      .superRefine((c, ctx) => {
        const problem = cronProblem(c);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    AWARENESS_TZ: z
      .string()
      .default('UTC')
      .refine((tz) => isTimeZone(tz), 'must be an IANA time zone such as Europe/Paris'),
    AWARENESS_CHANNELS: idList('channel ids (C…/G…)', 'CG'),
    AWARENESS_GRACE: z
      .string()
      .default('24h')
      .refine((d) => durationMs(d) !== undefined, 'a duration such as 24h, 90m or 2d'),
    AWARENESS_DIR: z.string().min(1).optional(),
    // `off` turns the weekly digest off; any other value is a cron expression read in TIMEZONE.
    DIGEST_CRON: cronOrOff('0 8 * * 1', 'the digest'),
    // Per severity, how long an open incident may go without an update before its commander is reminded (`off`: never).
    UPDATE_REMINDERS: z
      .string()
      .default('')
      .transform((s, ctx) => parsedOr(ctx, () => parseUpdateIntervals(s))),
    // Non-sev1 reminders wait until these hours (in TIMEZONE) are over; `off` (the default) holds nothing back.
    QUIET_HOURS: z
      .string()
      .default('off')
      .transform((s, ctx) => parsedOr(ctx, () => parseQuietHours(s))),
    // `off` turns the weekly stale list off; any other value is a cron expression read in TIMEZONE.
    STALE_LIST_CRON: cronOrOff('0 9 * * 1', 'the stale list'),
    // `off` turns follow-up reminders off; any other value is a cron expression read in TIMEZONE.
    FOLLOWUP_REMINDER_CRON: cronOrOff('0 9 * * *', 'follow-up reminders'),
    // Notification regimes besides GDPR and NIS2 (YAML); checked here so a broken file shows at start-up, every problem listed.
    NOTIFICATION_REGIMES_FILE: z
      .string()
      .min(1)
      .optional()
      .superRefine((file, ctx) => {
        const problem = file === undefined ? undefined : fileProblem(() => loadRegimesSync(file));
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    // How long before each notification deadline its reminders go out (`off`: only the overdue notice).
    CLOCK_REMINDERS: z
      .string()
      .default(DEFAULT_CLOCK_REMINDERS)
      .transform((s, ctx) => parsedOr(ctx, () => parseReminderOffsets(s))),
    // An unanswered "was this you?" question: reminded once after this, reported to the commander after ASK_ESCALATE_AFTER.
    ASK_REMIND_AFTER: z
      .string()
      .default('2h')
      .refine((d) => (durationMs(d) ?? 0) > 0, 'a duration such as 2h, 90m or 1d'),
    ASK_ESCALATE_AFTER: z
      .string()
      .default('4h')
      .refine((d) => (durationMs(d) ?? 0) > 0, 'a duration such as 4h, 90m or 1d'),
    // `off` turns the out-of-band plan's posts and reminders off; any other value is a cron expression read in TIMEZONE.
    OOB_PLAN_CRON: cronOrOff('0 10 * * 1', 'the out-of-band plan'),
    // Extra secret formats to redact: `name=regex;name=regex` (a literal `;` in a regex is written \x3b).
    REDACT_PATTERNS: z
      .string()
      .default('')
      .transform((s, ctx) => {
        try {
          return parseRedactPatterns(s);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
          return z.NEVER;
        }
      }),
    // Decoys: where the bot's public server is reached, the path decoy URLs live under, and how hits are grouped.
    PUBLIC_URL: z
      .url({ message: 'must be the https:// address where this server is reachable, such as https://rampart.example.org' })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    DECOY_PATH: z
      .string()
      .default('/d')
      .refine((p) => /^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/.test(p) && !p.startsWith('/slack') && p !== '/healthz', 'must start with / and be a plain path such as /d or /static/img, not under /slack'),
    DECOY_DEDUP_WINDOW: z
      .string()
      .default('24h')
      .refine((d) => (durationMs(d) ?? 0) > 0, 'a duration such as 24h, 90m or 2d'),
    // `<hits>/<duration>`: how many hits one source address may record in that time; more are answered but not kept.
    DECOY_RATE_LIMIT: z
      .string()
      .default('10/1h')
      .refine((r) => rateLimit(r) !== undefined, 'must be <hits>/<duration>, such as 10/1h'),
    // `<requests>/<duration>` per alert source on POST /api/v1/alerts (and failed authentications per address).
    ALERTS_RATE_LIMIT: z
      .string()
      .default('60/1m')
      .refine((r) => alertsRateLimit(r) !== undefined, 'must be <requests>/<duration>, such as 60/1m or 60/min'),
    TRUST_PROXY: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
    // Email to people who reported a suspicious message (thanks, then the verdict): the SMTP server and the From address.
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'must be smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465')
      .optional(),
    MAIL_FROM: z.string().min(3, 'must be an address such as "Security team <security@example.org>"').optional(),
    // The phishing-report mailbox (README "Phishing-report mailbox"): read over IMAP when MAIL_IMAP_HOST is set.
    MAIL_IMAP_HOST: z.string().min(1).optional(),
    MAIL_IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
    MAIL_IMAP_SECURE: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .default('true')
      .transform((v) => v === 'true'),
    MAIL_IMAP_USER: z.string().min(1).optional(),
    MAIL_IMAP_PASSWORD: z.string().min(1).optional(),
    MAIL_IMAP_ACCESS_TOKEN: z.string().min(1).optional(),
    MAIL_IMAP_MAILBOX: z.string().min(1).default('INBOX'),
    MAIL_POLL_INTERVAL: z
      .string()
      .default('1m')
      .refine((d) => (durationMs(d) ?? 0) > 0, 'a duration such as 1m, 5m or 1h'),
    // Whose reports are answered (thanks, verdict): addresses at these domains whose report passed the receiving
    // server's checks. Default: the domain of MAIL_IMAP_USER, else of MAIL_FROM.
    MAIL_REPORTER_DOMAINS: z
      .string()
      .default('')
      .transform((s) => s.split(/[\s,]+/).filter(Boolean).map((d) => d.toLowerCase().replace(/^@/, '')))
      .refine((ds) => ds.every((d) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)), 'must be domains such as example.org, comma-separated'),
    PHISHING_CAMPAIGN_WINDOW: z
      .string()
      .default('72h')
      .refine((d) => (durationMs(d) ?? 0) > 0, 'a duration such as 72h, 90m or 3d'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
    // Under Slack's 3 s ack deadline, so a request during a database outage still gets its "try again" reply.
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
    // Prometheus metrics (GET /metrics) on a listener of their own; `off` turns it off. See README, "Metrics".
    METRICS_PORT: z
      .string()
      .default('9464')
      .refine((p) => isOff(p) || (/^\d{1,5}$/.test(p.trim()) && Number(p) <= 65535), 'a port number (0 to 65535) or off'),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    // When set, a scrape must send `Authorization: Bearer <token>`; required for a METRICS_HOST other than loopback.
    METRICS_TOKEN: z.string().min(16, 'looks too short to be a bearer token (16 characters at least)').optional(),
    // A secret: checked for shape only, and never part of an error message (zod's issues carry no input here).
    PAGERDUTY_ROUTING_KEY: z
      .string()
      .regex(/^[A-Za-z0-9]{20,64}$/, 'must be the Integration Key of an Events API v2 integration (32 letters and digits)')
      .optional(),
    PAGERDUTY_SEVERITIES: z
      .string()
      .default('sev1')
      .transform((s) => s.split(/[\s,]+/).filter(Boolean).map((v) => v.toLowerCase()))
      .refine((vs) => vs.length > 0 && vs.every((v) => (SEVERITIES as readonly string[]).includes(v)), `must be severities (${SEVERITIES.join(', ')}), comma-separated`)
      .transform((vs) => [...new Set(vs)] as Severity[]),
    // The routing key travels in the body: plain http only to this machine (a test or a local relay).
    PAGERDUTY_EVENTS_URL: z
      .url({ message: 'must be a URL such as https://events.pagerduty.com/v2/enqueue' })
      .default('https://events.pagerduty.com/v2/enqueue')
      .refine((u) => /^https:\/\//i.test(u) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//i.test(u), 'must be https:// (plain http only to localhost): the routing key is sent in it'),
    PAGERDUTY_SOURCE: z
      .string()
      .default('rampart')
      .refine((s) => /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/.test(s), 'must be a short name (letters, digits, . _ : -) such as rampart-prod'),
  })
  .refine((e) => !((durationMs(e.ASK_ESCALATE_AFTER) ?? Infinity) <= (durationMs(e.ASK_REMIND_AFTER) ?? 0)), {
    message: 'must be longer than ASK_REMIND_AFTER: the commander hears of an unanswered question after its reminder',
    path: ['ASK_ESCALATE_AFTER'],
  })
  // Metrics name incidents' severities and the backlog: nobody on the network reads them without the token.
  .refine((e) => isOff(e.METRICS_PORT) || e.METRICS_TOKEN !== undefined || isLoopback(e.METRICS_HOST), {
    message: 'is not a loopback address, so anyone who can reach it could read the metrics: set METRICS_TOKEN too, or use 127.0.0.1',
    path: ['METRICS_HOST'],
  })
  .refine((e) => !e.SMTP_URL || e.MAIL_FROM, { message: 'must be set when SMTP_URL is: the address reporters see the thanks and verdict come from', path: ['MAIL_FROM'] })
  .refine((e) => !e.MAIL_IMAP_HOST || e.MAIL_IMAP_USER, { message: 'is needed with MAIL_IMAP_HOST: the mailbox to log in to', path: ['MAIL_IMAP_USER'] })
  .refine((e) => !e.MAIL_IMAP_HOST || Boolean(e.MAIL_IMAP_PASSWORD) !== Boolean(e.MAIL_IMAP_ACCESS_TOKEN), {
    message: 'set exactly one of MAIL_IMAP_PASSWORD (an app password) and MAIL_IMAP_ACCESS_TOKEN (OAuth2) with MAIL_IMAP_HOST',
    path: ['MAIL_IMAP_PASSWORD'],
  })
  .transform((e) => ({
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      appId: e.SLACK_APP_ID,
      apiUrl: e.SLACK_API_URL,
    },
    database: {
      url: e.DATABASE_URL,
      dataDir: e.DATA_DIR,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
    },
    port: e.PORT,
    host: e.HOST,
    timezone: e.TIMEZONE,
    incidentChannel: e.INCIDENT_CHANNEL,
    responders: e.RESPONDERS,
    admins: e.ADMINS,
    // Organisations extend the default list; they never lose a built-in type.
    incidentTypes: [...new Set([...DEFAULT_INCIDENT_TYPES, ...e.INCIDENT_TYPES])],
    sensitiveTypes: e.SENSITIVE_TYPES,
    reviewRequired: e.REVIEW_REQUIRED_SEVERITIES,
    redactPatterns: e.REDACT_PATTERNS,
    playbooksDir: e.PLAYBOOKS_DIR,
    oobPlanFile: e.OOB_PLAN_FILE,
    rulesFile: e.RULES_FILE,
    // undefined: channels are never archived.
    archiveAfterMs: e.CHANNEL_ARCHIVE_AFTER.trim().toLowerCase() === 'off' ? undefined : durationMs(e.CHANNEL_ARCHIVE_AFTER)!,
    cacaoSchemasDir: e.CACAO_SCHEMAS_DIR,
    awareness: {
      cron: e.AWARENESS_CRON,
      timezone: e.AWARENESS_TZ,
      channels: e.AWARENESS_CHANNELS,
      graceMs: durationMs(e.AWARENESS_GRACE)!,
      dir: e.AWARENESS_DIR,
    },
    // Read in `timezone`; staleCron is undefined when the weekly stale list is off.
    reminders: {
      updateIntervals: e.UPDATE_REMINDERS,
      quietHours: e.QUIET_HOURS,
      staleCron: e.STALE_LIST_CRON,
    },
    // Posted to incidentChannel in `timezone`; cron is undefined when the digest is off.
    digest: { cron: e.DIGEST_CRON },
    // Owners of due follow-ups get one direct message per slot, in `timezone`; cron is undefined when reminders are off.
    followups: { cron: e.FOLLOWUP_REMINDER_CRON },
    // Regimes are read again when core is composed (like RULES_FILE); reminders are ms before each deadline, longest first.
    clocks: { regimesFile: e.NOTIFICATION_REGIMES_FILE, reminderOffsets: e.CLOCK_REMINDERS },
    // The commander hears of an unanswered question only after its reminder had time to work (checked below).
    asks: { remindAfterMs: durationMs(e.ASK_REMIND_AFTER)!, escalateAfterMs: durationMs(e.ASK_ESCALATE_AFTER)! },
    // A new version of OOB_PLAN_FILE is posted in AWARENESS_CHANNELS at the next slot; later slots remind who has not acknowledged it.
    oobPlan: { cron: e.OOB_PLAN_CRON },
    decoys: {
      publicUrl: e.PUBLIC_URL,
      path: e.DECOY_PATH,
      dedupWindowMs: durationMs(e.DECOY_DEDUP_WINDOW)!,
      rateLimit: rateLimit(e.DECOY_RATE_LIMIT)!,
      // Only behind a reverse proxy that sets X-Forwarded-For may the header name the source; otherwise anyone could.
      trustProxy: e.TRUST_PROXY,
    },
    // port undefined: no metrics listener.
    metrics: { port: isOff(e.METRICS_PORT) ? undefined : Number(e.METRICS_PORT), host: e.METRICS_HOST.trim().replace(/^\[(.*)\]$/, '$1'), token: e.METRICS_TOKEN },
    alerts: { rateLimit: alertsRateLimit(e.ALERTS_RATE_LIMIT)! },
    pagerduty: { routingKey: e.PAGERDUTY_ROUTING_KEY, severities: e.PAGERDUTY_SEVERITIES, eventsUrl: e.PAGERDUTY_EVENTS_URL, source: e.PAGERDUTY_SOURCE },
    // undefined: reporters who are not Slack users hear nothing by email.
    smtp: e.SMTP_URL && e.MAIL_FROM ? { url: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
    // undefined: no mailbox is read. Secrets stay in here; nothing logs this object.
    mail: e.MAIL_IMAP_HOST
      ? {
          host: e.MAIL_IMAP_HOST,
          port: e.MAIL_IMAP_PORT,
          secure: e.MAIL_IMAP_SECURE,
          user: e.MAIL_IMAP_USER!,
          ...(e.MAIL_IMAP_PASSWORD ? { password: e.MAIL_IMAP_PASSWORD } : {}),
          ...(e.MAIL_IMAP_ACCESS_TOKEN ? { accessToken: e.MAIL_IMAP_ACCESS_TOKEN } : {}),
          mailbox: e.MAIL_IMAP_MAILBOX,
          pollIntervalMs: durationMs(e.MAIL_POLL_INTERVAL)!,
          reporterDomains: e.MAIL_REPORTER_DOMAINS.length > 0 ? e.MAIL_REPORTER_DOMAINS : domainsOf(e.MAIL_IMAP_USER, e.MAIL_FROM),
        }
      : undefined,
    phishingCampaignWindowMs: durationMs(e.PHISHING_CAMPAIGN_WINDOW)!,
    logLevel: e.LOG_LEVEL ?? 'info',
    // Whether LOG_LEVEL was set: the sandbox is quieter by default than the bot, unless asked.
    logLevelFromEnv: e.LOG_LEVEL,
  }));

/** The domain of the first of these that is an address (MAIL_IMAP_USER, then MAIL_FROM), as a list; [] when none is. */
function domainsOf(...addresses: (string | undefined)[]): string[] {
  for (const a of addresses) {
    const domain = a && /@([A-Za-z0-9.-]+\.[A-Za-z0-9-]+)>?\s*$/.exec(a)?.[1];
    if (domain) return [domain.toLowerCase()];
  }
  return [];
}

/** DECOY_RATE_LIMIT (`10/1h`) as hits per window, or undefined when malformed. */
function rateLimit(text: string): { points: number; durationMs: number } | undefined {
  const m = /^\s*(\d{1,6})\s*\/\s*(\S+)\s*$/.exec(text);
  const ms = m ? durationMs(m[2]!) : undefined;
  return m && ms && Number(m[1]) > 0 ? { points: Number(m[1]), durationMs: ms } : undefined;
}

/** ALERTS_RATE_LIMIT: as DECOY_RATE_LIMIT, and a bare unit means one of it (`60/min`, `1000/h`, `5000/day`). */
function alertsRateLimit(text: string): { points: number; durationMs: number } | undefined {
  const units: Record<string, string> = { min: '1m', minute: '1m', m: '1m', h: '1h', hour: '1h', d: '1d', day: '1d' };
  return rateLimit(text.replace(/\/\s*([a-z]+)\s*$/i, (whole, unit: string) => (units[unit.toLowerCase()] ? `/${units[unit.toLowerCase()]}` : whole)));
}

/** The value parse returns, or a zod issue with the Error it threw (the parsers name the problem). */
function parsedOr<T>(ctx: z.RefinementCtx, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
}

/** Why a cron expression is unusable, or undefined when it is fine (the zone is checked on its own). */
/** A cron expression read in TIMEZONE, or `off` (then undefined): what turns a scheduled job on or off. */
function cronOrOff(fallback: string, job: string) {
  return z
    .string()
    .default(fallback)
    .superRefine((c, ctx) => {
      const problem = c.trim().toLowerCase() === 'off' ? undefined : cronProblem(c);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem} Use \`off\` to turn ${job} off.` });
    })
    .transform((c) => (c.trim().toLowerCase() === 'off' ? undefined : c));
}

function cronProblem(cron: string): string | undefined {
  try {
    checkCron(cron, 'UTC');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Why the out-of-band plan file is unusable (missing, unreadable, or which field is wrong), or undefined. */
function oobPlanProblem(file: string): string | undefined {
  try {
    loadPlanSync(file);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Why a file setting is unusable (the loader's message), or undefined when it loads. */
function fileProblem(load: () => unknown): string | undefined {
  try {
    load();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Why the rules file is unusable (missing, unreadable, or which rule and field is wrong), or undefined. */
function rulesProblem(file: string): string | undefined {
  try {
    loadRulesSync(file);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Whether a setting says `off`. */
function isOff(value: string): boolean {
  return value.trim().toLowerCase() === 'off';
}

/** Whether a listen address is this machine only: localhost, 127.0.0.0/8 or ::1. */
function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIPv4(v4) && v4.startsWith('127.');
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Rampart's validated, frozen settings. */
export type Config = z.output<typeof schema>;

/** A configuration problem; the message lists every invalid or missing setting at once. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses settings from an environment (empty strings count as unset). Throws ConfigError listing all problems. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    // Only the variable name and the rule are reported, never the value: it may be a secret.
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return Object.freeze(parsed.data);
}

/** Checks that the Slack credentials needed to serve real Slack are present; names every missing one. */
export function requireSlackCredentials(config: Config): void {
  const missing: string[] = [];
  if (!config.slack.botToken) missing.push('SLACK_BOT_TOKEN');
  if (!config.slack.signingSecret && !config.slack.appToken) missing.push('SLACK_SIGNING_SECRET');
  if (missing.length > 0) {
    throw new ConfigError([
      `missing ${missing.join(' and ')}: set them from your Slack app (see README, "Install the Slack app"),` +
        ' or try Rampart without Slack: npm run sandbox',
    ]);
  }
}
