// Pure parsing of `/incident search <text>`: everything after `search` is the text, as typed (no flags, no syntax of
// ours: words, quotes and a leading minus are for the search itself).
import { AppError } from '../../shared/errors.js';

/** A parsed `search` request. */
export type SearchRequest = { sub: 'search'; text: string };

/** `search <text>`: the text after `search`. */
export function parseSearch(after: string): SearchRequest {
  if (after.trim() === '') throw new AppError('invalid_input', '`/incident search`: `/incident search lagos sign-in` (words, "a phrase", -without).');
  return { sub: 'search', text: after.trim() };
}
