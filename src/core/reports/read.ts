// Reports for people: access-checked, and the short form of a timeline that fits in a chat message.
import { canSeeIfKnown, requireVisible } from '../incidents/access.js';
import type { Actor, CoreDeps } from '../context.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { reportSource } from './build.js';
import type { ReportEvent, ReportSource } from './report.js';
import { requireReceivable } from './marking.js';
import { channelAudience } from '../tlp/marking.js';
import { requesterAudience } from '../tlp/audience.js';
import type { Tlp } from '../tlp/tlp.js';

/**
 * Who a report is for: a TLP audience; `requester`, the person asking (see requesterAudience: RED for the incident's
 * named people, AMBER for anyone else looking at a public incident); or `incident-channel` for a post in the
 * incident's own channel (its audience by visibility, see channelAudience; the requester's when it has none, as the
 * post then goes to them alone).
 */
export type ReportAudience = Tlp | 'requester' | 'incident-channel';

/**
 * The report of an incident the actor may see (ref, or the incident of the channel asked from), holding only what
 * its audience may receive (default: the requester's). Refused when the audience may not receive the incident's own
 * marking.
 */
export async function reportFor(
  deps: CoreDeps,
  actor: Actor,
  ref: string | undefined,
  opts: { verify?: boolean; audience?: ReportAudience } = {},
): Promise<{ incident: Incident; source: ReportSource }> {
  const incident = await incidentByRefOrChannel(deps.db, ref, actor.channelId);
  await requireVisible(deps, actor, incident, 'incident.report');
  const wanted = opts.audience ?? 'requester';
  const inChannel = wanted === 'incident-channel' && incident.channelId !== null;
  const audience: Tlp = inChannel ? channelAudience(incident) : wanted === 'requester' || wanted === 'incident-channel' ? await requesterAudience(deps, actor, incident) : wanted;
  requireReceivable(incident, audience, inChannel ? 'its channel' : wanted === 'requester' || wanted === 'incident-channel' ? 'someone not among its people or responders' : 'this report');
  // The incident this one was merged into is named with its title only for readers who may see it; a private one by
  // its reference only, as Slack posts the report file in this incident's channel, whose members may not see it.
  const maySee = async (other: Incident) => !other.private && (await canSeeIfKnown(deps, actor, other));
  return { incident, source: await reportSource(deps, incident, { ...(opts.verify !== undefined ? { verify: opts.verify } : {}), maySee, audience }) };
}

/** Events that tell an incident's story when there is no room for all of them. */
export const KEY_KINDS: readonly string[] = [
  'incident_declared',
  'status_changed',
  'severity_changed',
  'incident_edited',
  'role_assigned',
  'role_unassigned',
  'playbook_started',
  'playbook_completed',
  'moved_out_of_band',
  'rule_applied',
  'decoy_tripped',
  'alert_received',
  'phishing_reported',
  'review_saved',
  'lesson_promoted',
  'correction',
];

/** A timeline cut down for a chat message: every event when few, else the key events (first and last ones if even those are many). */
export interface ShortTimeline {
  events: ReportEvent[];
  total: number;
  /** True when only key events are shown. */
  keyOnly: boolean;
  /** Key events left out from the middle when there were more than the limit. */
  keyOmitted: number;
}

/**
 * Reads the events once, holding at most `limit` of them: all events while they fit, and the key ones (the first
 * and last limit/2) in case they do not.
 */
export async function shortTimeline(events: AsyncIterable<ReportEvent>, limit: number): Promise<ShortTimeline> {
  const all: ReportEvent[] = [];
  const head: ReportEvent[] = [];
  const tail: ReportEvent[] = [];
  let total = 0;
  let keys = 0;
  const half = Math.floor(limit / 2);
  for await (const e of events) {
    total += 1;
    if (total <= limit) all.push(e);
    if (!KEY_KINDS.includes(e.kind) && !(e.kind === 'note_added' && e.payload.lesson === true)) continue;
    keys += 1;
    if (head.length < half) head.push(e);
    else {
      tail.push(e);
      if (tail.length > limit - half) tail.shift();
    }
  }
  if (total <= limit) return { events: all, total, keyOnly: false, keyOmitted: 0 };
  return { events: [...head, ...tail], total, keyOnly: true, keyOmitted: keys - head.length - tail.length };
}
