// The indicators a reported mail carries, recorded as observables of its incident in the report's transaction: the
// sender's address and domain, Reply-To and Return-Path addresses, the URLs and the attachments' SHA-256. A value the
// incident already has is left as it is; a value that is no valid indicator, or holds a secret, is skipped (it stays
// on the timeline, redacted), since an observable with a hole cut in it would match nothing.
import type { Tx } from '../../db/types.js';
import { SYSTEM_ACTOR } from '../incidents/declare-system.js';
import { readObservable, type ObservableType } from '../observables/observable.js';
import { insertObservable } from '../observables/queries.js';
import { redactFor, type RedactionDeps } from '../redaction/apply.js';
import { appendEvent } from '../timeline/queries.js';
import type { MailFacts } from './reported-mail.js';

const MAX_OBSERVABLE_URL = 2000;

/** Records the mail's indicators on the incident (whose row lock the caller holds); returns how many were new. */
export async function recordMailObservables(deps: RedactionDeps, tx: Tx, incidentId: number, facts: MailFacts, opts: { maxUrls: number }, now: Date): Promise<number> {
  let added = 0;
  for (const { type, raw } of indicators(facts, opts.maxUrls)) {
    const safe = safeIndicator(deps, raw, type);
    if (!safe) continue;
    // origin 'scan': found in the mail by Rampart rather than typed by a person.
    const row = await insertObservable(tx, { incidentId, type: safe.type, value: safe.value, origin: 'scan', addedBy: SYSTEM_ACTOR.actor, addedAt: now });
    if (!row) continue;
    await appendEvent(tx, incidentId, { kind: 'observable_added', ...SYSTEM_ACTOR, payload: { observableId: row.id, type: row.type, value: row.value, origin: 'scan' } }, now);
    added++;
  }
  return added;
}

/** The candidate indicators, in the order they are recorded. */
export function indicators(facts: MailFacts, maxUrls: number): { type: ObservableType; raw: string }[] {
  const from = facts.from?.address;
  const domain = from?.includes('@') ? from.slice(from.lastIndexOf('@') + 1) : undefined;
  const emails = [from, ...facts.replyTo, facts.returnPath].filter((a): a is string => Boolean(a));
  return [
    ...[...new Set(emails.map((a) => a.toLowerCase()))].map((raw) => ({ type: 'email' as const, raw })),
    ...(domain ? [{ type: 'domain' as const, raw: domain }] : []),
    // A URL of kilobytes would not fit the observables' value index; it stays on the timeline.
    ...facts.urls.filter((u) => u.length <= MAX_OBSERVABLE_URL).slice(0, maxUrls).map((raw) => ({ type: 'url' as const, raw })),
    ...facts.attachments.map((a) => ({ type: 'sha256' as const, raw: a.sha256 })),
  ];
}

function safeIndicator(deps: RedactionDeps, raw: string, type: ObservableType) {
  const first = redactFor(deps, raw);
  if (first.found.length > 0) return undefined;
  let read: { type: ObservableType; value: string };
  try {
    read = readObservable(first.text, type);
  } catch {
    return undefined;
  }
  const second = redactFor(deps, read.value);
  return second.found.length > 0 ? undefined : { type: read.type, value: second.text };
}
