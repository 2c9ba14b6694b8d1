// Observables as createCore offers them: add, mark, list and export for people, the scanner's offers, and the trusted
// lookup search uses.
import type { Actor, CoreDeps } from '../context.js';
import { exportObservables, type ObservableExportFormat } from './export.js';
import type { ObservableType, Verdict } from './observable.js';
import { incidentsWithObservable, observablesForActor } from './read.js';
import { addObservable, markObservable, type NewObservable } from './record.js';
import { scanObservables } from './scan.js';

/** Binds observables to core's dependencies. */
export function observablesApi(deps: CoreDeps) {
  return {
    /** Records an observable on an incident (the type guessed when left out); one already there is left as it is. */
    add: (actor: Actor, input: NewObservable) => addObservable(deps, actor, input),
    /** Sets an observable's verdict. */
    mark: (actor: Actor, input: { ref?: string; value: string; type?: ObservableType; verdict: Verdict }) => markObservable(deps, actor, input),
    /** An incident's observables, each with the other incidents the actor may see that hold it. */
    list: (actor: Actor, ref?: string) => observablesForActor(deps, actor, ref),
    /** An incident's observables as a STIX 2.1 bundle, a MISP event or CSV, with the incident's marking. */
    export: (actor: Actor, p: { ref?: string; format: ObservableExportFormat }) => exportObservables(deps, actor, p),
    /** The observables in a text that has already been redacted (a note, a pin), to offer them; writes nothing. */
    scan: (redactedText: string) => scanObservables(redactedText),
    /** The ids of incidents holding an observable equal to the value once normalised (trusted: for search, which applies access). */
    incidentsWith: (value: string) => incidentsWithObservable(deps, value),
  };
}
