// Builds a real core over a test database with a fixed clock; builders with overrides keep tests short.
import { createCore, type Core } from '../../src/core/core.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Actor, CoreDeps } from '../../src/core/context.js';
import { DEFAULT_INCIDENT_TYPES } from '../../src/core/incidents/incident-types.js';
import type { Severity } from '../../src/core/incidents/incident.js';
import { loadLibrary, type PlaybookLibrary } from '../../src/core/playbooks/library.js';
import type { CustomPattern } from '../../src/shared/redact.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { aTip, tipsOf } from './awareness.js';

export const RESPONDER = 'U0RESPOND';
export const OUTSIDER = 'U0OUTSIDE';
export const ADMIN = 'U0ADMIN01';

const NO_POSTS = { post: () => Promise.reject(new Error('the test core posts nothing')), findPosted: async () => undefined };
const SLOT_IDENTITY = { replicaId: 'test-replica', leaseMs: 5 * 60_000 };

/** A core on a fresh database; responders are RESPONDER unless given. */
export async function testCore(
  opts: {
    responders?: string[];
    now?: string;
    playbooks?: PlaybookLibrary;
    reviewRequired?: Severity[];
    redactPatterns?: CustomPattern[];
    admins?: string[];
    access?: Pick<CoreDeps, 'isChannelMember' | 'onRefusal'>;
    /** An already open database (closed with the core) instead of a fresh one. */
    database?: TestDatabase;
    /** Reminder settings (default: core's, the default intervals without quiet hours or stale list). */
    reminders?: CoreDeps['reminders'];
    announceChannel?: string;
    /** PagerDuty paging (PAGERDUTY_SEVERITIES, PAGERDUTY_SOURCE); absent: nothing pages. */
    paging?: CoreDeps['paging'];
    /** SMTP is set up: mail reporters are thanked and told by email. */
    reporterEmail?: boolean;
  } = {},
) {
  const database: TestDatabase = opts.database ?? (await createTestDatabase());
  const clock = fixedClock(opts.now ?? '2026-11-24T10:00:00Z');
  const responders = new Set(opts.responders ?? [RESPONDER]);
  const deps: CoreDeps = {
    playbooks: opts.playbooks ?? (await loadLibrary()),
    db: database.db,
    clock,
    isResponder: async (id) => responders.has(id),
    incidentTypes: [...DEFAULT_INCIDENT_TYPES, 'vendor-breach'],
    sensitiveTypes: ['account-compromise', 'data-leak'],
    timezone: 'Europe/Paris',
    reviewRequired: opts.reviewRequired ?? ['sev1', 'sev2'],
    redactPatterns: opts.redactPatterns ?? [],
    admins: opts.admins ?? [ADMIN],
    ...opts.access,
    ...(opts.reminders ? { reminders: opts.reminders } : {}),
    ...(opts.announceChannel ? { announceChannel: opts.announceChannel } : {}),
    ...(opts.paging ? { paging: opts.paging } : {}),
    ...(opts.reporterEmail ? { reporterEmail: true } : {}),
    // The scheduled posts are set up as in the bot, posting nowhere: tests that post build them over the fake Slack.
    awareness: { schedule: { name: 'weekly', cron: '0 9 * * 1', timezone: 'Europe/Paris', graceMs: 24 * 3_600_000 }, channels: ['C0STAFF'], tips: tipsOf([aTip('a')]), poster: NO_POSTS, ...SLOT_IDENTITY },
    digest: { schedule: undefined, channel: undefined, poster: NO_POSTS, ...SLOT_IDENTITY },
  };
  const core: Core = createCore(deps);
  // deps too: core's own tests call use cases and queries below the front door with the same dependencies.
  return { core, deps, database, clock, close: () => database.close() };
}

/** A Slack actor with overrides. */
export function slackUser(id = RESPONDER, overrides: Partial<Actor> = {}): Actor {
  return { id, source: 'slack-command', ...overrides };
}
