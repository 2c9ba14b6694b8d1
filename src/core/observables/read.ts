// Reading an incident's observables for a person, each with the other incidents that hold the same value. "Also in"
// names only incidents the reader may see: a private incident they may not see is left out altogether, not shown by
// reference, because which indicators a private incident holds is one of its details (saying "also in INC-7" would
// tell an outsider that INC-7 involves this address). Also the trusted lookup search uses.
import type { DbOrTx } from '../../db/types.js';
import type { Actor, CoreDeps } from '../context.js';
import { canSeeIfKnown, requireVisible } from '../incidents/access.js';
import { formatRef, type Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { findById } from '../incidents/queries.js';
import { defang, guessType, normalise, refang, TYPE_LABELS, type Observable } from './observable.js';
import { observablesOf, otherIncidentsWith, rowsWithValue } from './queries.js';

/** An observable as a list shows it: with the references of the other incidents the reader may see that hold it. */
export interface ListedObservable extends Observable {
  alsoIn: string[];
}

/** One incident's observables, in the order they were added. */
export interface ObservableList {
  incident: Incident;
  observables: ListedObservable[];
}

/** The observables of an incident (ref, or the channel's), for anyone who may see it. */
export async function observablesForActor(deps: CoreDeps, actor: Actor, ref: string | undefined): Promise<ObservableList> {
  const incident = await incidentByRefOrChannel(deps.db, ref, actor.channelId);
  await requireVisible(deps, actor, incident, 'incident.show');
  const list = await observablesOf(deps.db, incident.id);
  return { incident, observables: await withAlsoIn(deps, actor, incident.id, list) };
}

/** Adds "also in" to observables of one incident, as the actor may see the others. */
export async function withAlsoIn(deps: CoreDeps, actor: Actor, incidentId: number, list: readonly Observable[]): Promise<ListedObservable[]> {
  const others = await otherIncidentsWith(deps.db, { incidentId, values: [...new Set(list.map((o) => o.value))] });
  const visible = new Map<number, Promise<boolean>>();
  const canSee = (id: number, isPrivate: boolean): Promise<boolean> => {
    if (!isPrivate) return Promise.resolve(true);
    let known = visible.get(id);
    if (!known) {
      known = findById(deps.db, id).then((i) => (i ? canSeeIfKnown(deps, actor, i) : false));
      visible.set(id, known);
    }
    return known;
  };
  const seen = await Promise.all(others.map(async (o) => ((await canSee(o.incidentId, o.private)) ? o : undefined)));
  return list.map((o) => ({
    ...o,
    alsoIn: seen.filter((x) => x !== undefined && x.value === o.value).map((x) => formatRef(x!.number)),
  }));
}

/**
 * The ids of incidents holding an observable equal to the value once normalised (trusted: search applies access to
 * what it shows). The value is read as its guessed type, and as written for account names, which are never guessed.
 */
export async function incidentsWithObservable(deps: Pick<CoreDeps, 'db'>, value: string): Promise<number[]> {
  return [...new Set((await observableHits(deps.db, value)).map((h) => h.incidentId))].sort((a, b) => a - b);
}

/**
 * Every observable equal to the value once normalised (or as written, refanged), as search's exact hits: which
 * incident, what matched (defanged) and when it was added. Trusted: search applies the access rules.
 */
export async function observableHits(db: DbOrTx, value: string): Promise<{ incidentId: number; excerpt: string; at: Date }[]> {
  const forms = new Set<string>([refang(value.trim())]);
  const type = guessType(value.trim());
  if (type) {
    try {
      forms.add(normalise(type, value.trim()));
    } catch {
      // Not a valid value of its guessed type: only the written form is looked up.
    }
  }
  const rows = (await Promise.all([...forms].map((form) => rowsWithValue(db, form)))).flat();
  return rows.map((r) => ({ incidentId: r.incidentId, excerpt: `Observable: ${TYPE_LABELS[r.type]} ${defang(r.type, r.value)}`, at: r.addedAt }));
}
