// Alert intake as createCore offers it: sources for admins and the CLI, and receiving an alert for the HTTP adapter.
import type { Actor, CoreDeps } from '../context.js';
import { receiveAlert } from './receive.js';
import { authenticateSource, createSource, listSources, revokeSourceByName } from './sources.js';

/** Binds alert intake to core's dependencies. */
export function alertsApi(deps: CoreDeps) {
  return {
    /** Creates a source (admins, the CLI); its token is in the answer and nowhere else. */
    createSource: (actor: Actor, name: string) => createSource(deps, actor, name),
    /** Live sources with their alert counts (admins, the CLI). */
    listSources: (actor: Actor) => listSources(deps, actor),
    /** Revokes a live source by name (admins, the CLI). */
    revokeSource: (actor: Actor, name: string) => revokeSourceByName(deps, actor, name),
    /** The live source a token belongs to, or undefined (the adapter rate-limits per source with it). */
    authenticate: (token: string) => authenticateSource(deps, token),
    /** Checks, stores and files an alert: opens a triage incident or joins the open one with its dedupe key. */
    receive: (token: string, body: unknown) => receiveAlert(deps, token, body),
  };
}
