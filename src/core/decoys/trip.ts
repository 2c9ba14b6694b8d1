// Recording a hit on a decoy. One transaction locks the decoy row (so concurrent hits on one decoy queue up and
// agree on one incident), finds the open incident a hit of this decoy went to within the dedup window or declares a
// new sev2 `decoy-tripped` one, stores the hit and writes its timeline event. Slack work is the adapter's, after.
import { processedSlackEvents } from '../../db/schema.js';
import type { Tx } from '../../db/types.js';
import { inTransaction, type CoreDeps } from '../context.js';
import { OPEN_STATUSES, type Incident } from '../incidents/incident.js';
import { findById } from '../incidents/queries.js';
import { declareBySystem, SYSTEM_ACTOR as SYSTEM } from '../incidents/declare-system.js';
import { appendEvent } from '../timeline/queries.js';
import { redactFor, redactJson, type RedactionDeps } from '../redaction/apply.js';
import type { TimelineEvent } from '../timeline/events.js';
import type { Decoy } from './decoy.js';
import { findLiveByToken, insertHit, openIncidentHitSince } from './queries.js';

/** The incident type, severity and playbook a tripped decoy gets. */
export const DECOY_INCIDENT = { type: 'decoy-tripped', severity: 'sev2' } as const;
/** Hits of one decoy within this long of each other go to the same open incident unless DECOY_DEDUP_WINDOW says otherwise. */
export const DEFAULT_DEDUP_WINDOW_MS = 24 * 60 * 60_000;

/** What is known about one hit, as seen: its source and detail pass the redaction step before they are stored. */
export interface HitInput {
  token: string;
  via: 'url' | 'slack';
  /** The source address (url) or the Slack user id (slack). */
  source: string;
  detail: { method?: string; userAgent?: string; headers?: Record<string, string>; channel?: string; messageTs?: string; text?: string };
  /** Claimed once in processed_slack_events, so a redelivered Slack event records nothing. */
  onceKey?: string;
}

/** A recorded hit: the incident it went to, whether that incident was declared by it, and its timeline event. */
export interface Tripped {
  decoy: Pick<Decoy, 'id' | 'name' | 'kind' | 'createdBy'>;
  incident: Incident;
  declared: boolean;
  event: TimelineEvent;
  /** Playbooks offered for the incident's type (the decoy playbook). */
  suggested: string[];
  /** Outbox key of a new incident's Slack set-up (channel, invite, announcement), as for any declaration. */
  setup?: string;
}

/** Records a hit on the live decoy with this token; null when there is none (or the hit was already recorded). */
export async function recordHit(deps: CoreDeps, hit: HitInput): Promise<Tripped | null> {
  const now = deps.clock.now();
  const windowMs = deps.decoyDedupWindowMs ?? DEFAULT_DEDUP_WINDOW_MS;
  const result = await inTransaction(deps, async (tx) => {
    const decoy = await findLiveByToken(tx, hit.token, { forUpdate: true });
    if (!decoy) return null;
    // Only what would be recorded spends the budget: a junk token never reaches here, so it cannot blind a live one.
    if (hit.via === 'url' && deps.decoyHitAllowed && !(await deps.decoyHitAllowed(hit.source, decoy.id))) return null;
    if (hit.onceKey) {
      const claimed = await tx.insert(processedSlackEvents).values({ eventId: hit.onceKey, receivedAt: now }).onConflictDoNothing().returning();
      if (claimed.length === 0) return null;
    }
    const open = await openIncidentFor(tx, decoy.id, new Date(now.getTime() - windowMs));
    const { incident, setup } = open ? { incident: open, setup: undefined } : await declareFor(deps, tx, decoy, now);
    // A visitor chose every header and, behind a trusting proxy, the source address too.
    const source = redactFor(deps, hit.source).text;
    const detail = redactJson(deps, hit.detail as Record<string, unknown>).value;
    await insertHit(tx, { decoyId: decoy.id, incidentId: incident.id, at: now, via: hit.via, source, detail });
    const event = await appendEvent(
      tx,
      incident.id,
      { kind: 'decoy_tripped', ...SYSTEM, payload: { decoy: decoy.name, decoyKind: decoy.kind, via: hit.via, source, ...detail } },
      now,
    );
    return { decoy, incident, declared: !open, event: event!, ...(setup ? { setup } : {}) };
  });
  if (!result) return null;
  const { decoy, ...rest } = result;
  return {
    ...rest,
    decoy: { id: decoy.id, name: decoy.name, kind: decoy.kind, createdBy: decoy.createdBy },
    suggested: deps.playbooks.forType(DECOY_INCIDENT.type).map((p) => p.id),
  };
}

/** The still-open incident an earlier hit within the window went to, locked for the append. */
async function openIncidentFor(tx: Tx, decoyId: number, since: Date): Promise<Incident | undefined> {
  const id = await openIncidentHitSince(tx, decoyId, since);
  if (id === undefined) return undefined;
  const incident = await findById(tx, id, { forUpdate: true });
  // Closed between the lookup and the lock: a new hit then deserves a new incident.
  return incident && OPEN_STATUSES.includes(incident.status) ? incident : undefined;
}

/** Declares the incident for a first hit. The reporter is the admin who planted the decoy, so they are invited to its private channel. */
function declareFor(deps: RedactionDeps & Pick<CoreDeps, 'announceChannel' | 'reminders'>, tx: Tx, decoy: Decoy, now: Date): Promise<{ incident: Incident; setup: string }> {
  return declareBySystem(
    deps,
    tx,
    {
      title: `Decoy ${decoy.name} tripped`,
      description: decoy.note ? `Planted: ${decoy.note}` : `A ${decoy.kind} decoy was used.`,
      ...DECOY_INCIDENT,
      // Whoever tripped it may be reading Slack: its details stay in the incident's own channel.
      private: true,
      reporterId: decoy.createdBy,
    },
    now,
  );
}
