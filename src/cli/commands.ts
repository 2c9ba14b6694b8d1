// The CLI's read commands. The CLI is a trusted local operator: it sees private incidents in full.
import type { Config } from '../config.js';
import { openConfiguredDatabase, openSystem, type CoreOptions } from '../compose.js';
import type { Core, Actor } from '../core/index.js';
import type { Database } from '../db/types.js';
import { appliedMigrationCount } from '../db/migrate.js';
import { eventJson, incidentJson } from './json.js';
import { describeEvent, humanTime, labelIdsIn, personLabel, isBackdated, type TimelineEvent } from '../core/index.js';

export const OPERATOR: Actor = { id: 'cli', source: 'cli' };

type Out = (line: string) => void;

/** Runs fn over the configured database, closing it afterwards. */
export async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Runs fn with a core over the configured database, closing it afterwards. */
export async function withCore<T>(config: Config, fn: (core: Core) => Promise<T>, options: Pick<CoreOptions, 'posters'> = {}): Promise<T> {
  // The CLI is a trusted operator, so the responder check is never consulted (the composition root's default says no).
  const system = await openSystem(config, options);
  try {
    return await fn(system.core);
  } finally {
    await system.close();
  }
}

/** `rampart migrate`. */
export function migrateCommand(config: Config, out: Out): Promise<void> {
  return withDatabase(config, async (database) => out(`Database is up to date (${await appliedMigrationCount(database)} migrations applied, ${database.backend}).`));
}

/** `rampart incidents [--all] [--json]`. */
export async function incidentsCommand(config: Config, opts: { json: boolean; open: boolean }, out: Out): Promise<void> {
  await withCore(config, async (core) => {
    const items = (await core.list(OPERATOR, opts.open ? 'open' : 'all')).map((v) => v.incident).reverse();
    if (opts.json) return out(JSON.stringify(items.map(incidentJson), null, 2));
    if (items.length === 0) return out('No incidents.');
    for (const i of items) {
      out(`${i.ref.padEnd(8)} ${i.severity}  ${i.status.padEnd(13)} ${i.private ? 'private' : 'public '}  ${i.title}`);
    }
  });
}

/** `rampart timeline <ref> [--json]`: JSON keeps ids and payloads; the human lines name people and say what happened. */
export async function timelineCommand(config: Config, ref: string, opts: { json: boolean }, out: Out): Promise<void> {
  await withCore(config, async (core) => {
    const { incident, events } = await core.timeline(OPERATOR, ref);
    if (opts.json) return out(JSON.stringify({ incident: incidentJson(incident), events: events.map(eventJson) }, null, 2));
    out(`${incident.ref}: ${incident.title} (${incident.severity}, ${incident.status}${incident.private ? ', private' : ''})`);
    const names = await core.people.names(events.flatMap(mentionedIds));
    const zone = core.timezone;
    for (const e of events) {
      const late = isBackdated(e) ? ` (${e.correctsSeq !== null ? 'correction' : 'back-dated'}, recorded ${humanTime(e.recordedAt, zone)})` : '';
      out(`#${String(e.seq).padEnd(3)} ${humanTime(e.occurredAt, zone)}  ${personLabel(names, e.actor)}  ${labelIdsIn(describeEvent(e), names)}${late}`);
    }
  });
}

/** The user ids an event names: its actor and any id in its payload (role and step assignments, invitations). */
function mentionedIds(e: TimelineEvent): string[] {
  return [e.actor, ...(JSON.stringify(e.payload).match(/\b[UW][A-Z0-9]{8,}\b/g) ?? [])];
}
