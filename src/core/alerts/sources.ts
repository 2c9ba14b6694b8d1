// Admin use cases: create, list and revoke alert sources. Only ADMINS (responders when it is empty) and trusted
// operators (the CLI) may. The token is returned once, to whoever created the source; the row keeps its hash and who
// created and revoked the source, and when (the audit of both, as for decoys).
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { requireAdmin } from '../incidents/access.js';
import { checkSourceName, newSourceToken, tokenHash, type AlertSource } from './alert.js';
import { alertStats, findLiveSourceByHash, findLiveSourceByName, insertSource, listLiveSources, revokeSource } from './queries.js';

/** A live source as listed, with how many alerts it sent and when it last did. */
export interface ListedSource extends AlertSource {
  alerts: number;
  lastAlert: Date | null;
}

/** Creates a source under a name no live source uses; returns it with its token (the only time the token is shown). */
export async function createSource(deps: CoreDeps, actor: Actor, rawName: string): Promise<{ source: AlertSource; token: string }> {
  await requireAdmin(deps, actor, 'alert-source.manage');
  const name = checkSourceName(deps, rawName);
  const token = newSourceToken();
  try {
    const source = await inTransaction(deps, async (tx) => {
      if (await findLiveSourceByName(tx, name)) throw nameTaken(name);
      return insertSource(tx, { name, tokenSha256: tokenHash(token)!, createdBy: actor.id, createdAt: deps.clock.now() });
    });
    return { source, token };
  } catch (err) {
    // Two creations racing for one name: the partial unique index refuses the second.
    if (isUniqueViolation(err)) throw nameTaken(name);
    throw err;
  }
}

/** Live sources with their alert counts. */
export async function listSources(deps: CoreDeps, actor: Actor): Promise<ListedSource[]> {
  await requireAdmin(deps, actor, 'alert-source.manage');
  const live = await listLiveSources(deps.db);
  const stats = await alertStats(deps.db, live.map((s) => s.id));
  return live.map((s) => ({ ...s, alerts: stats.get(s.id)?.alerts ?? 0, lastAlert: stats.get(s.id)?.lastAlert ?? null }));
}

/** Revokes a live source: its token is refused from the commit on, and its name is free again. */
export async function revokeSourceByName(deps: CoreDeps, actor: Actor, rawName: string): Promise<AlertSource> {
  await requireAdmin(deps, actor, 'alert-source.manage');
  const name = checkSourceName(deps, rawName);
  return inTransaction(deps, async (tx) => {
    const source = await findLiveSourceByName(tx, name, { forUpdate: true });
    if (!source) throw new AppError('invalid_input', `No live alert source is called "${name}". \`rampart alert-sources list\` shows them.`, { field: 'name' });
    return revokeSource(tx, source.id, actor.id, deps.clock.now());
  });
}

/** The live source a presented token belongs to, or undefined (unknown, revoked, or not shaped like a token). */
export async function authenticateSource(deps: CoreDeps, token: string): Promise<Pick<AlertSource, 'id' | 'name'> | undefined> {
  const hash = tokenHash(token);
  if (!hash) return undefined;
  const source = await findLiveSourceByHash(deps.db, hash);
  return source && { id: source.id, name: source.name };
}

function nameTaken(name: string): AppError {
  return new AppError('invalid_input', `A live alert source is already called "${name}". Pick another name, or revoke that one first.`, { field: 'name' });
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
