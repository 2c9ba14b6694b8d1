// Admin use cases: plant (register), list and retire decoys. Only ADMINS (responders when it is empty) and trusted
// operators may; a decoy's token is returned only to whoever registered it.
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { requireAdmin } from '../incidents/access.js';
import { checkKind, checkName, checkNote, credentialFor, newToken, type Decoy } from './decoy.js';
import { findLiveByName, hitStats, insertDecoy, listLive, retireDecoy } from './queries.js';
import type { LiveCredentials } from './cache.js';

/** A registered decoy, for a credential the string to plant, and the kinds of secret redacted from its note. */
export interface Registered {
  decoy: Decoy;
  credential?: string;
  redacted?: string[];
}

/** A live decoy as listed (never with its token: lists may be read over someone's shoulder). */
export interface ListedDecoy {
  name: string;
  kind: Decoy['kind'];
  note: string;
  createdBy: string;
  createdAt: Date;
  hits: number;
  lastHit: Date | null;
}

/** Plants a decoy under a name no live decoy uses; `live` (the core's in-memory copy) is told once it is committed. */
export async function registerDecoy(deps: CoreDeps, actor: Actor, input: { name: string; kind?: string; note?: string }, live?: LiveCredentials): Promise<Registered> {
  await requireAdmin(deps, actor, 'decoy.manage');
  const name = checkName(deps, input.name);
  const kind = checkKind(input.kind ?? 'url');
  const { text: note, found } = checkNote(deps, input.note);
  const now = deps.clock.now();
  try {
    const decoy = await inTransaction(deps, async (tx) => {
      if (await findLiveByName(tx, name)) throw nameTaken(name);
      return insertDecoy(tx, { name, kind, token: newToken(), note, createdBy: actor.id, createdAt: now });
    });
    // After the commit: a re-read started now sees the new credential, so it trips on this replica at once.
    if (kind === 'credential') live?.changed();
    return { decoy, ...(kind === 'credential' ? { credential: credentialFor(decoy.token) } : {}), ...(found.length > 0 ? { redacted: found } : {}) };
  } catch (err) {
    // Two registrations racing for one name: the partial unique index refuses the second.
    if (isUniqueViolation(err)) throw nameTaken(name);
    throw err;
  }
}

/** Live decoys with their hit counts. */
export async function listDecoys(deps: CoreDeps, actor: Actor): Promise<ListedDecoy[]> {
  await requireAdmin(deps, actor, 'decoy.manage');
  const live = await listLive(deps.db);
  const stats = await hitStats(deps.db, live.map((d) => d.id));
  return live.map((d) => ({
    name: d.name,
    kind: d.kind,
    note: d.note,
    createdBy: d.createdBy,
    createdAt: d.createdAt,
    hits: stats.get(d.id)?.hits ?? 0,
    lastHit: stats.get(d.id)?.lastHit ?? null,
  }));
}

/**
 * Retires a live decoy: its URL and credential stop recording hits, and its name is free again. `live` (the core's
 * in-memory copy) is told after the commit; other replicas' copies need not be, as recordHit re-checks under lock.
 */
export async function retireDecoyByName(deps: CoreDeps, actor: Actor, rawName: string, live?: LiveCredentials): Promise<Decoy> {
  await requireAdmin(deps, actor, 'decoy.manage');
  const name = checkName(deps, rawName);
  const retired = await inTransaction(deps, async (tx) => {
    const decoy = await findLiveByName(tx, name, { forUpdate: true });
    if (!decoy) throw new AppError('invalid_input', `No live decoy is called "${name}". \`/decoy list\` shows them.`);
    return retireDecoy(tx, decoy.id, actor.id, deps.clock.now());
  });
  live?.changed();
  return retired;
}

function nameTaken(name: string): AppError {
  return new AppError('invalid_input', `A live decoy is already called "${name}". Pick another name, or retire that one first.`);
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
