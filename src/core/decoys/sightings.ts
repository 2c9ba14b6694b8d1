// Where a decoy can be seen: its URL fetched (with any decoy credential presented in the request's secret headers),
// or a decoy credential pasted into a Slack message. Each finds the live decoys concerned and records a hit on each.
import type { CoreDeps } from '../context.js';
import { redactFor } from '../redaction/apply.js';
import { recordableHeaders } from './decoy.js';
import { DECOY_CREDENTIAL_PATTERN } from '../../shared/decoy-credential.js';
import { listLive } from './queries.js';
import type { LiveCredentials } from './cache.js';
import { recordHit, type Tripped } from './trip.js';

/** A request under DECOY_PATH as the web adapter saw it. */
export interface DecoyRequest {
  /** The path segment after DECOY_PATH. */
  token: string;
  method: string;
  /** The client address (TRUST_PROXY decides whether X-Forwarded-For counts). */
  source: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A Slack message that may carry a decoy credential. */
export interface DecoyMessage {
  text: string;
  user: string;
  channel: string;
  ts: string;
  /** The Slack event id: a redelivery of the same event records nothing. */
  eventId?: string;
}

/**
 * Records a hit for the decoy whose URL was fetched and for any decoy credential the request presented; live
 * credentials are looked up in `live` (memory) when given, else in the database.
 */
export async function tripFromRequest(deps: CoreDeps, req: DecoyRequest, live?: LiveCredentials): Promise<Tripped[]> {
  // Recorded: the method, the user agent and the ordinary headers only; recordHit redacts them before storing.
  const detail = { method: req.method, userAgent: headerText(req.headers['user-agent']).slice(0, 300), headers: recordableHeaders(req.headers) };
  // A decoy credential may be presented in any header (there is no fixed list of token headers).
  const presented = presentedText(req);
  const tokens = new Set([req.token]);
  if (presented.trim()) for (const t of await liveCredentialTokensIn(deps, presented, live)) tokens.add(t);
  const hits: Tripped[] = [];
  for (const token of tokens) {
    const hit = await recordHit(deps, { token, via: 'url', source: req.source, detail });
    if (hit) hits.push(hit);
  }
  return hits;
}

/**
 * Records a hit for each live decoy credential in the message; the stored text is redacted. With `live` (the core's
 * in-memory copy), a message holding no live credential costs no query.
 */
export async function tripFromMessage(deps: CoreDeps, msg: DecoyMessage, live?: LiveCredentials): Promise<Tripped[]> {
  const tokens = await liveCredentialTokensIn(deps, msg.text, live);
  if (tokens.length === 0) return [];
  // The pattern catches the credential as planted; a bare token (pasted without its prefix) is replaced after.
  const marker = `[redacted: ${DECOY_CREDENTIAL_PATTERN.name}]`;
  const text = tokens.reduce((t, token) => t.split(token).join(marker), redactFor(deps, msg.text).text);
  const hits: Tripped[] = [];
  for (const token of tokens) {
    const hit = await recordHit(deps, {
      token,
      via: 'slack',
      source: msg.user,
      detail: { channel: msg.channel, messageTs: msg.ts, text },
      ...(msg.eventId ? { onceKey: `decoy:${msg.eventId}:${token.slice(0, 8)}` } : {}),
    });
    if (hit) hits.push(hit);
  }
  return hits;
}

/**
 * Tokens of live credential decoys that appear verbatim in the text (exact lookup, never a prefix match), from the
 * in-memory copy when given (candidates only: recordHit checks each under lock), else read from the database.
 */
export async function liveCredentialTokensIn(deps: CoreDeps, text: string, cache?: LiveCredentials): Promise<string[]> {
  if (!text) return [];
  if (cache) return cache.tokensIn(text);
  const live = await listLive(deps.db, ['credential']);
  return live.map((d) => d.token).filter((t) => text.includes(t));
}

function headerText(v: string | string[] | undefined): string {
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
}

/** Everything a request presents in its headers, Basic credentials decoded: where a decoy credential may be. */
export function presentedText(req: Pick<DecoyRequest, 'headers'>): string {
  return withBasicDecoded(Object.values(req.headers).map(headerText).join('\n'));
}

/** Basic credentials are base64 of user:password; a decoy key used as either shows only once decoded. */
function withBasicDecoded(text: string): string {
  const decoded = [...text.matchAll(/basic\s+([A-Za-z0-9+/=]+)/gi)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'));
  return [text, ...decoded].join('\n');
}
