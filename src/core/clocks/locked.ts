// What starting, recording and stopping a clock share: the access check (the commander and responders), one
// transaction under the incident's row lock, the redaction step for their free text, and the regime looked up.
import type { Tx } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import type { SafeText } from '../../shared/safe-text.js';
import { authorizeOnLocked } from '../access/authorize.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { redactFor, redactionOf } from '../redaction/apply.js';
import { regimeList, type Regime } from './regime.js';

/** Runs a clock change in one transaction under the incident's lock, for the commander and responders. */
export async function changeUnderLock<T>(
  deps: CoreDeps,
  actor: Actor,
  ref: string | undefined,
  fn: (tx: Tx, incident: Incident, now: Date) => Promise<T>,
): Promise<T> {
  // The actor's own standing is asked before the lock (it may ask Slack); the commander is checked on the locked row.
  const allowedOn = await authorizeOnLocked(deps, actor, 'clock.manage');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = await incidentByRefOrChannel(tx, ref, actor.channelId, { forUpdate: true });
    allowedOn(incident);
    return fn(tx, incident, now);
  });
}

/** The regimes on offer here: built in, then the regimes file's. */
export function regimesOf(deps: Pick<CoreDeps, 'clocks'>): Regime[] {
  return regimeList(deps.clocks?.regimes);
}

/** The regime with this id, or invalid_input listing the ids on offer. */
export function findRegime(deps: Pick<CoreDeps, 'clocks'>, id: string): Regime {
  const all = regimesOf(deps);
  const regime = all.find((r) => r.id === id.trim().toLowerCase());
  if (!regime) throw new AppError('invalid_input', `"${id}" is not a notification regime here; choose one of ${all.map((r) => r.id).join(', ')}.`);
  return regime;
}

/** Free text redacted for storing (null when empty), and the secret kinds found. */
export function redactedOrNull(tx: Tx, text: string | undefined): { text: SafeText | null; found: string[] } {
  if (!text?.trim()) return { text: null, found: [] };
  const { text: out, found } = redactFor(redactionOf(tx), text.trim());
  return { text: out === '' ? null : out, found };
}
