// `/incident search <text>`: incidents, notes and lessons that match, newest first; core shows only what the caller may see.
import type { Actor } from '../../../../core/index.js';
import { searchMessage } from '../../../blocks/search.js';
import type { SearchRequest } from '../../../parse/search.js';
import type { Outcome, SlackDeps } from '../../../deps.js';

/** Searches and lists the hits. */
export async function search(deps: SlackDeps, actor: Actor, req: SearchRequest): Promise<Outcome> {
  return { reply: searchMessage(await deps.core.search.find(actor, req.text)) };
}
