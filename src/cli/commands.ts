// The CLI's read commands. The CLI is a trusted local operator: it sees private incidents in full.
import type { Config } from '../config.js';
import { coreFor, loadPlaybooks, openConfiguredDatabase } from '../app.js';
import type { Core } from '../core/core.js';
import { systemClock } from '../core/clock.js';
import type { Actor } from '../core/context.js';
import type { Database } from '../db/client.js';
import { appliedMigrationCount } from '../db/migrate.js';
import { eventJson, incidentJson } from './json.js';

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
export function withCore<T>(config: Config, fn: (core: Core) => Promise<T>): Promise<T> {
  // The CLI is a trusted operator, so the responder check is never consulted.
  return withDatabase(config, async (database) => fn(coreFor(config, database, systemClock, async () => false, await loadPlaybooks(config))));
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

/** `rampart timeline <ref> [--json]`. */
export async function timelineCommand(config: Config, ref: string, opts: { json: boolean }, out: Out): Promise<void> {
  await withCore(config, async (core) => {
    const { incident, events } = await core.timeline(OPERATOR, ref);
    if (opts.json) return out(JSON.stringify({ incident: incidentJson(incident), events: events.map(eventJson) }, null, 2));
    out(`${incident.ref}: ${incident.title} (${incident.severity}, ${incident.status}${incident.private ? ', private' : ''})`);
    for (const e of events) {
      const late = e.recordedAt.getTime() - e.occurredAt.getTime() > 60_000 ? ` (recorded ${e.recordedAt.toISOString()})` : '';
      out(`#${String(e.seq).padEnd(3)} ${e.occurredAt.toISOString()}  ${e.kind.padEnd(16)} ${e.actor.padEnd(10)} ${summary(e.payload)}${late}`);
    }
  });
}

function summary(payload: Record<string, unknown>): string {
  const p = payload as Record<string, string | undefined>;
  if (p.step !== undefined) {
    const extra = p.reason ?? p.note ?? (p.to ? `→ ${p.to}` : undefined);
    return `step ${p.step}. ${p.title}${extra ? `: ${extra}` : ''}`;
  }
  if (p.title) return p.title;
  if (p.from !== undefined && p.to !== undefined) return `${p.from ?? '-'} → ${p.to}${p.note ? `: ${p.note}` : ''}`;
  if (p.text !== undefined) return p.text;
  if (p.action) return `${p.action}: ${p.error}`;
  if (p.name) return `#${p.name}`;
  return JSON.stringify(payload);
}
