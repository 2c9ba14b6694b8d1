// `rampart search <text> [--json]`: incidents, notes and lessons that match, newest first. The CLI is a trusted
// operator, so private incidents' matches are shown too.
import type { Config } from '../config.js';
import type { SearchHit } from '../core/index.js';
import { OPERATOR, withCore } from './commands.js';

type Out = (line: string) => void;

/** One hit as a terminal line: reference, where, when, excerpt. */
export function hitText(h: SearchHit): string {
  const where = h.seq !== undefined ? `${h.kind} #${h.seq}` : h.kind;
  return `${h.ref.padEnd(8)} ${where.padEnd(12)} ${h.at.toISOString()}  ${h.excerpt}`;
}

/** `rampart search`. */
export async function searchCommand(config: Config, words: readonly string[], opts: { json: boolean }, out: Out): Promise<void> {
  await withCore(config, async (core) => {
    const { text, hits, more } = await core.search.find(OPERATOR, words.join(' '));
    if (opts.json) return out(JSON.stringify(hits.map(({ incidentNumber: _n, ...h }) => h), null, 2));
    if (hits.length === 0) return out(`Nothing found for "${text}".`);
    for (const h of hits) out(hitText(h));
    if (more) out(`(more matched; the ${hits.length} newest are shown: add words to narrow the search)`);
  });
}
