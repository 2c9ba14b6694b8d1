// Search as createCore offers it.
import type { Actor, CoreDeps } from '../context.js';
import { searchFor } from './read.js';

/** Binds search to core's dependencies. */
export function searchApi(deps: CoreDeps) {
  return {
    /** Incidents, notes and lessons matching the text (and exact matches), newest first, only what the actor may see. */
    find: (actor: Actor, text: string) => searchFor(deps, actor, text),
  };
}
