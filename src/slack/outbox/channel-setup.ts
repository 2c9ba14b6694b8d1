// Finding or creating an incident's channel, safe to run again after any failure. The name is derived from the
// incident, so a retry knows what it is looking for: when an earlier attempt may have reached Slack (its answer was
// lost, or the worker died before recording it), the bot's channels are searched for that name, created since the
// set-up was enqueued, before anything is created, so "Slack made it but we never heard" never makes a second channel.
import type { WebClient } from '@slack/web-api';
import type { SetupResult, Incident, OutboxRow } from '../../core/index.js';

/** How many names are tried (base, base-2 … base-5) when older channels hold the first ones. */
const NAME_TRIES = 5;
/** Slack's clock and ours may disagree a little: a channel this much older than the row may still be ours. */
const SKEW_S = 300;

/** A channel name for the incident: a private one never carries the title, which would leak it in invites. */
export function channelNameFor(incident: Pick<Incident, 'number' | 'title' | 'private' | 'drill'>): string {
  const prefix = `${incident.drill ? 'drill-' : ''}inc-${incident.number}`;
  if (incident.private) return prefix;
  const slug = incident.title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return slug ? `${prefix}-${slug}` : prefix;
}

/** The names the incident's channel may have, in the order they are tried. */
export function candidateNames(incident: Pick<Incident, 'number' | 'title' | 'private' | 'drill'>): string[] {
  const base = channelNameFor(incident);
  return Array.from({ length: NAME_TRIES }, (_, i) => (i === 0 ? base : `${base}-${i + 1}`));
}

/** The incident's channel: the one an earlier attempt made, or a new one. Throws the Web API error of a failed call. */
export async function ensureChannel(client: WebClient, incident: Incident, row: Pick<OutboxRow, 'attempts' | 'createdAt'>): Promise<SetupResult> {
  if (incident.channelId) return { channel: incident.channelId, name: incident.channelName ?? '' };
  const names = candidateNames(incident);
  // Only after an attempt that may have landed: the first try needs no lookup.
  if (row.attempts > 1) {
    const mine = await findOwnChannel(client, names, incident.private, row.createdAt);
    if (mine) return mine;
  }
  for (const [i, name] of names.entries()) {
    try {
      const res = await client.conversations.create({ name, is_private: incident.private });
      return { channel: res.channel!.id!, name: res.channel!.name ?? name };
    } catch (err) {
      // Taken by an older channel (a former install, a person): the next name. Ours would have been found above.
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code !== 'name_taken' || i === names.length - 1) throw err;
    }
  }
  throw new Error('unreachable');
}

/**
 * A channel the bot is in with one of these names, created since `since` (less the skew): the one an earlier attempt
 * made. An older channel of the same name is someone else's and is left alone.
 */
async function findOwnChannel(client: WebClient, names: string[], isPrivate: boolean, since: Date): Promise<SetupResult | undefined> {
  const wanted = new Set(names);
  const oldest = Math.floor(since.getTime() / 1000) - SKEW_S;
  let cursor: string | undefined;
  do {
    const page = await client.conversations.list({
      types: isPrivate ? 'private_channel' : 'public_channel',
      exclude_archived: true,
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    const found = page.channels?.find((c) => c.name && wanted.has(c.name) && c.is_member && (c.created ?? 0) >= oldest);
    if (found?.id && found.name) return { channel: found.id, name: found.name };
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}
