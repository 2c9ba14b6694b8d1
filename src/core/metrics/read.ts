// The stats use case: read the period's incidents and compute their figures. Read-only, so no transaction.
import type { DbOrTx } from '../../db/types.js';
import type { Clock } from '../clock.js';
import { incidentsForStats } from './queries.js';
import type { Actor, CoreDeps } from '../context.js';
import { requireResponder } from '../incidents/access.js';
import { computeStats, DEFAULT_PERIOD, parsePeriod, periodStart, type Stats } from './stats.js';
import { deadlinesDueBetween } from '../clocks/queries.js';
import { tally } from '../clocks/notification-clock.js';

/** What the stats need; a subset of CoreDeps, so adapters and tests can pass core's deps as they are. */
export interface StatsDeps {
  db: DbOrTx;
  clock: Clock;
  /** IANA zone the months and weeks are counted in. */
  timezone: string;
}

/** Stats for a period named by the user (`30d`, `90d`, `365d`, `all`); blank or missing means 30d. */
export async function statsFor(deps: StatsDeps, periodText: string | undefined): Promise<Stats> {
  // Parsed first, so a typo costs no query.
  const period = periodText?.trim() ? parsePeriod(periodText) : DEFAULT_PERIOD;
  const now = deps.clock.now();
  const from = periodStart(period, now);
  const rows = await incidentsForStats(deps.db, from);
  // A stopped clock's deadlines that were never notified were not required after all: neither met nor missed.
  const deadlines = (await deadlinesDueBetween(deps.db, from, now)).filter((d) => !d.drill && (d.state === 'running' || d.notifiedAt));
  return { ...computeStats(rows, period, now, deps.timezone), notificationDeadlines: tally(deadlines, now) };
}

/**
 * The same for a person: responders only, since figures by type can reveal what private incidents were about.
 * The access rule lives here (not in statsFor) so the CLI and the digest can read figures as trusted callers.
 */
export async function statsForActor(deps: StatsDeps & Pick<CoreDeps, 'isResponder' | 'admins' | 'onRefusal'>, actor: Actor, periodText: string | undefined): Promise<Stats> {
  await requireResponder(deps, actor, 'incident.stats');
  return statsFor(deps, periodText);
}
