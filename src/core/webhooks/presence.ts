// Whether any webhook is registered, remembered per database handle so that a deployment without webhooks pays no query
// on each incident change (declares are benchmarked: a query per transaction cost several milliseconds on PGlite).
// Only "none" is remembered: with hooks registered, the transaction reads them (it needs their events anyway).
//
// As the live credential decoys (decoys/cache.ts): a hook added through this process marks the memory stale at once;
// one added elsewhere (the CLI on Postgres, another replica) is seen once "none" is WEBHOOKS_REFRESH_MS old, read by
// the injected clock. Worst case, events in the first few seconds after such a registration are not sent to it.
import type { Clock } from '../clock.js';
import type { DbOrTx } from '../../db/types.js';
import { activeHooks } from './queries.js';

/** How long "no webhooks" is believed before the table is read again. */
export const WEBHOOKS_REFRESH_MS = 5_000;

interface Presence {
  /** When the table was last read and held no active hook (clock ms), or undefined. */
  noneSince: number | undefined;
  /** Bumped by every change made here, so a read that started before it is not kept. */
  generation: number;
}

const presences = new WeakMap<object, Presence>();

function presenceOf(db: object): Presence {
  let p = presences.get(db);
  if (!p) presences.set(db, (p = { noneSince: undefined, generation: 0 }));
  return p;
}

/** A hook was added or removed through this database handle: the next transaction reads the table. */
export function webhooksChanged(db: object): void {
  const p = presenceOf(db);
  p.generation += 1;
  p.noneSince = undefined;
}

/**
 * The active hooks, read through `tx`, or [] without a query while "none" is fresh for this handle (`db`). Without a
 * clock (a caller that passes none) nothing is remembered and the table is read.
 */
export async function activeHooksRemembered(tx: DbOrTx, db: object, clock: Clock | undefined): ReturnType<typeof activeHooks> {
  const p = presenceOf(db);
  const now = clock?.now().getTime();
  if (now !== undefined && p.noneSince !== undefined && now >= p.noneSince && now - p.noneSince < WEBHOOKS_REFRESH_MS) return [];
  const generation = p.generation;
  const hooks = await activeHooks(tx);
  if (now !== undefined && generation === p.generation) p.noneSince = hooks.length === 0 ? now : undefined;
  return hooks;
}
