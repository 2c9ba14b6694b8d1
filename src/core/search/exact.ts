// The extension point for exact matches (observables: an IP address, a domain, a hash), which full-text search would
// split into words. Each matcher is a trusted query: it returns every incident holding the value, and search applies
// the access rules to what it returns, as to its own hits.
import type { DbOrTx } from '../../db/types.js';
import { observableHits } from '../observables/read.js';

/** One incident holding the value exactly: what matched (`observable 203.0.113.7`) and when it was recorded. */
export interface ExactHit {
  incidentId: number;
  excerpt: string;
  at: Date;
}

/** A trusted query for incidents holding a value exactly; never given the asker, never filtered. */
export type ExactMatcher = (db: DbOrTx, value: string) => Promise<ExactHit[]>;

/** The exact matchers search asks besides full-text search: the observables (a value found in any of its forms). */
export const EXACT_MATCHERS: readonly ExactMatcher[] = [observableHits];
