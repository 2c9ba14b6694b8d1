// Searching across incidents for a person: full-text matches in incidents, notes and lessons, and the exact matchers'
// hits, filtered by the access rules per incident. A private incident the asker may not see contributes nothing,
// not even its reference: an outsider must not learn that it matched.
import { authorize } from '../access/authorize.js';
import type { Actor, CoreDeps } from '../context.js';
import { canSeeIfKnown } from '../incidents/access.js';
import { formatRef } from '../incidents/incident.js';
import { findById } from '../incidents/queries.js';
import { redactedField, redactFor } from '../redaction/apply.js';
import { requesterAudience } from '../tlp/audience.js';
import { eventTlp, incidentTlp } from '../tlp/marking.js';
import { mayReceive, type Tlp } from '../tlp/tlp.js';
import { EXACT_MATCHERS, type ExactMatcher } from './exact.js';
import { hasSearchWords, incidentsByIds, matchingIncidents, matchingNotes, type Candidate } from './queries.js';
import { checkSearchText, compareHits, excerptOf, MAX_CANDIDATES, MAX_HITS, type SearchHit } from './search.js';

/** What a search found: the hits shown (newest first) and whether there were more than fit. */
export interface SearchResult {
  /** The text searched for, redacted (it is shown back to the asker). */
  text: string;
  /** The kinds of secret removed from the text, when any: the asker is told to rotate them. */
  redacted?: string[];
  hits: SearchHit[];
  more: boolean;
}

/** Searches what the actor may see; matchers are the exact-match extension point (EXACT_MATCHERS unless a test gives others). */
export async function searchFor(deps: CoreDeps, actor: Actor, raw: string, matchers: readonly ExactMatcher[] = EXACT_MATCHERS): Promise<SearchResult> {
  await authorize(deps, actor, 'incident.search');
  // The text as typed is only matched against stored text, which holds no secret, so a secret in it finds nothing
  // (matching the redacted form would find every incident where a secret of that kind was pasted). What is shown back
  // is redacted.
  const text = checkSearchText(raw);
  const safe = redactFor(deps, text);
  const words = await hasSearchWords(deps.db, text);
  const [incidentHits, noteHits, exact] = await Promise.all([
    words ? matchingIncidents(deps.db, text, MAX_CANDIDATES) : [],
    words ? matchingNotes(deps.db, text, MAX_CANDIDATES) : [],
    exactCandidates(deps, text, matchers),
  ]);
  const candidates: { c: Candidate; kind: SearchHit['kind'] }[] = [
    ...exact.map((c) => ({ c, kind: 'exact' as const })),
    ...incidentHits.map((c) => ({ c, kind: 'incident' as const })),
    ...noteHits.map((c) => ({ c, kind: c.lesson ? ('lesson' as const) : ('note' as const) })),
  ];
  const visible = await visibility(deps, actor, candidates.map(({ c }) => c));
  const receivable = await receivableUnderTlp(deps, actor, candidates.filter(({ c, kind }) => visible.get(c.incidentId) && kind !== 'incident').map(({ c }) => c));
  const hits = candidates
    .filter(({ c, kind }) => visible.get(c.incidentId) && (kind === 'incident' || receivable(c)))
    .map(({ c, kind }): SearchHit => ({ ref: formatRef(c.number), incidentNumber: c.number, kind, at: c.at, title: c.title, excerpt: excerptOf(c.excerpt, text), ...(c.seq !== undefined ? { seq: c.seq } : {}) }))
    .sort(compareHits);
  return { text: safe.text, hits: hits.slice(0, MAX_HITS), more: hits.length > MAX_HITS, ...redactedField(safe.found) };
}

/** The exact matchers' hits as candidates (their incidents looked up once). */
async function exactCandidates(deps: CoreDeps, text: string, matchers: readonly ExactMatcher[]): Promise<Candidate[]> {
  const found = (await Promise.all(matchers.map((m) => m(deps.db, text)))).flat();
  const byId = await incidentsByIds(deps.db, [...new Set(found.map((h) => h.incidentId))]);
  return found.flatMap((h) => {
    const i = byId.get(h.incidentId);
    return i ? [{ incidentId: h.incidentId, number: i.number, private: i.private, title: i.title, at: h.at, excerpt: h.excerpt }] : [];
  });
}

/**
 * Which note and observable hits the actor may receive under TLP: what is marked more strictly than the asker's
 * audience (an AMBER asker looking at a public incident; a note marked RED, or an incident marked RED) is left out, as
 * it is from that person's timeline. An incident's title and description are shown as its lists show them.
 */
async function receivableUnderTlp(deps: CoreDeps, actor: Actor, candidates: readonly Candidate[]): Promise<(c: Candidate) => boolean> {
  const audiences = new Map<number, { marking: Tlp; audience: Tlp }>();
  for (const c of candidates) {
    if (audiences.has(c.incidentId)) continue;
    const incident = await findById(deps.db, c.incidentId);
    if (incident) audiences.set(c.incidentId, { marking: incidentTlp(incident), audience: await requesterAudience(deps, actor, incident) });
  }
  return (c) => {
    const known = audiences.get(c.incidentId);
    return known !== undefined && mayReceive(eventTlp({ tlp: c.noteTlp }, known.marking), known.audience);
  };
}

/** Whether the actor may see each candidate's incident: public ones at once, private ones by the viewer rule, once each. */
async function visibility(deps: CoreDeps, actor: Actor, candidates: readonly Candidate[]): Promise<Map<number, boolean>> {
  const seen = new Map<number, boolean>();
  for (const c of candidates) {
    if (seen.has(c.incidentId)) continue;
    if (!c.private) {
      seen.set(c.incidentId, true);
      continue;
    }
    const incident = await findById(deps.db, c.incidentId);
    seen.set(c.incidentId, incident ? await canSeeIfKnown(deps, actor, incident) : false);
  }
  return seen;
}
