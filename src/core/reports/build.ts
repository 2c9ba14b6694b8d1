// Gathers a report's header (one query per part) and hands out its events as a lazy, paged stream.
import type { CoreDeps } from '../context.js';
import type { Incident } from '../incidents/incident.js';
import { formatRef } from '../incidents/incident.js';
import { findById } from '../incidents/queries.js';
import { runsOf } from '../playbooks/queries.js';
import { progress, type Run } from '../playbooks/run.js';
import { latestReview } from '../reviews/queries.js';
import { followupsOf } from '../followups/queries.js';
import { compareFollowups } from '../followups/followup.js';
import { observablesOf } from '../observables/queries.js';
import { defang } from '../observables/observable.js';
import { clocksForReport } from '../clocks/read.js';
import { asksOf } from '../asks/queries.js';
import { listed as listedAsk } from '../asks/read.js';
import { evidenceLogOf, receivableEvidence } from '../evidence/read.js';
import type { EvidenceLogEntry } from '../evidence/evidence.js';
import { isBackdated, type TimelineEvent } from '../timeline/events.js';
import { verifyIncident } from '../timeline/verify.js';
import { describeEvent } from './describe.js';
import { durationsOf, keyTimesOf, phasesOf } from './phases.js';
import { actorCounts, assignedUserIds, EVENT_PAGE, statusChanges, tipsFromIncident } from './queries.js';
import { eventPages } from '../timeline/pages.js';
import { namesOf } from '../people/queries.js';
import { receivableBy, reportTlp } from './marking.js';
import type { Tlp } from '../tlp/tlp.js';
import { REPORT_VERSION, type Person, type PlaybookProgress, type ReportEvent, type ReportEvidence, type ReportHeader, type ReportSource } from './report.js';

type ReportDeps = Pick<CoreDeps, 'db' | 'clock' | 'timezone'>;

/** How a report is built: whether to check the hash chain, and who reads it. */
export interface ReportOptions {
  verify?: boolean;
  /** Whether the reader may see another incident (the one this was merged into, named with its title if so); absent: yes. */
  maySee?: (incident: Incident) => Promise<boolean>;
  /** The strictest TLP marking its readers may receive (default RED: everything); callers check the incident is receivable. */
  audience?: Tlp;
}

/**
 * The report of one incident (no access check: callers decide who may have it). Checking the hash chain reads every
 * event, so callers that show no verification (the chat timeline) or must answer Slack first pass verify: false.
 */
export async function reportSource(deps: ReportDeps, incident: Incident, opts: ReportOptions = {}): Promise<ReportSource> {
  const audience = opts.audience ?? 'RED';
  // The chain check reads and hashes every event, far longer than anything else here: it runs while the rest of the
  // header is gathered, query after query, and is awaited only when the header is put together.
  const verifying = opts.verify === false ? undefined : verifyIncident(deps.db, incident.id);
  verifying?.catch(() => {}); // awaited below; a failure must not first surface as an unhandled rejection
  const [changes, counts, runs, review, tips, mergedInto, assigned, followups, asks, tlp, evidence] = await Promise.all([
    statusChanges(deps.db, incident.id),
    actorCounts(deps.db, incident.id),
    runsOf(deps.db, [incident.id]),
    latestReview(deps.db, incident.id),
    tipsFromIncident(deps.db, incident.id),
    incident.mergedIntoId ? findById(deps.db, incident.mergedIntoId) : undefined,
    assignedUserIds(deps.db, incident.id),
    followupsOf(deps.db, incident.id),
    asksOf(deps.db, incident.id),
    reportTlp(deps.db, incident, audience),
    evidenceLogOf(deps.db, incident.id).then((log) => receivableEvidence(log, incident, audience)),
  ]);
  const observables = await observablesOf(deps.db, incident.id);
  const withheld = tlp.withheld.reduce((n, w) => n + w.count, 0);
  const mergedIntoTitle = mergedInto && (!opts.maySee || (await opts.maySee(mergedInto))) ? mergedInto.title : undefined;
  const generatedAt = deps.clock.now();
  const clocks = await clocksForReport(deps.db, incident.id, generatedAt);
  const keyTimes = keyTimesOf(incident);
  const verification = await verifying;
  const header: ReportHeader = {
    version: REPORT_VERSION,
    generatedAt,
    timezone: deps.timezone,
    incident: {
      ref: incident.ref,
      number: incident.number,
      title: incident.title,
      description: incident.description,
      type: incident.type,
      severity: incident.severity,
      status: incident.status,
      private: incident.private,
      drill: incident.drill,
      channel: incident.channelId ? { id: incident.channelId, name: incident.channelName } : null,
      mergedInto: mergedInto ? formatRef(mergedInto.number) : null,
      ...(mergedIntoTitle !== undefined ? { mergedIntoTitle } : {}),
      reporter: incident.reporterId,
      commander: incident.commanderId,
      comms: incident.commsId,
      scribe: incident.scribeId,
    },
    keyTimes,
    durations: durationsOf(keyTimes),
    phases: phasesOf(incident, changes, generatedAt),
    people: peopleOf(incident, counts),
    playbooks: runs.map(playbookProgress),
    review: review.review,
    reviewVersions: review.versions,
    ...(followups.length > 0
      ? {
          followups: followups
            .map((f) => ({ ...f, incidentNumber: incident.number }))
            .sort(compareFollowups)
            .map(({ text, owner, due, state }) => ({ text, owner, due, state })),
        }
      : {}),
    ...(observables.length > 0
      ? { observables: observables.map(({ type, value, verdict, origin, addedBy, addedAt }) => ({ type, value, defanged: defang(type, value), verdict, origin, addedBy, addedAt })) }
      : {}),
    ...(clocks.length > 0 ? { clocks } : {}),
    ...(asks.length > 0
      ? { asks: asks.map((a) => listedAsk(incident.ref, a)).map(({ userId, question, askedBy, askedAt, answer, answeredAt, reminded, escalated }) => ({ userId, question, askedBy, askedAt, answer, answeredAt, reminded, escalated })) }
      : {}),
    ...(evidence.length > 0 ? { evidence: evidence.map(reportEvidence) } : {}),
    awareness: { tips },
    eventCount: [...counts.values()].reduce((a, b) => a + b, 0) - withheld,
    ...(verification ? { verification } : {}),
    tlp,
  };
  const names = await namesOf(deps.db, [...mentionedIn(header), ...assigned]);
  if (names.size > 0) header.names = Object.fromEntries(names);
  return { header, events: () => reportEvents(deps, incident, audience) };
}

/**
 * The events the audience may receive, as reports show them, streamed. One generator over the pages rather than a
 * chain of them (read, filter, map): each link of a chain costs a promise per event.
 */
export async function* reportEvents(deps: Pick<CoreDeps, 'db'>, incident: Incident, audience: Tlp): AsyncGenerator<ReportEvent> {
  const receivable = receivableBy(incident, audience);
  for await (const rows of eventPages(deps.db, incident.id, EVENT_PAGE)) {
    for (const e of rows) if (receivable(e.payload)) yield reportEvent(e);
  }
}

/** One stored event as reports show it (its stored-only fields, such as its hash, left out). */
export function reportEvent(e: TimelineEvent): ReportEvent {
  const { seq, kind, actor, occurredAt, recordedAt, source, payload, correctsSeq } = e;
  return { seq, kind, actor, occurredAt, recordedAt, source, payload, correctsSeq, backdated: isBackdated(e), summary: describeEvent(e) };
}

/** Every user id the header mentions, for the names query. */
function mentionedIn(h: ReportHeader): string[] {
  const i = h.incident;
  return [
    i.reporter, i.commander, i.comms, i.scribe,
    ...h.people.map((p) => p.userId),
    ...h.playbooks.flatMap((r) => [r.startedBy, ...r.steps.flatMap((s) => [s.assignee, s.changedBy])]),
    ...(h.review ? [h.review.savedBy, ...h.review.actionItems.map((a) => a.owner)] : []),
    ...(h.followups ?? []).map((f) => f.owner),
    ...(h.observables ?? []).map((o) => o.addedBy),
    ...(h.asks ?? []).flatMap((a) => [a.userId, a.askedBy]),
    ...(h.evidence ?? []).flatMap((e) => [e.collectedBy, e.holder, ...e.custody.flatMap((c) => [c.from, c.to, c.by]), ...e.checks.map((c) => c.by)]),
    ...h.awareness.tips.map((t) => t.createdBy),
  ].filter((id): id is string => !!id);
}

const ROLE_ORDER = ['reporter', 'commander', 'comms', 'scribe'] as const;

/** Role holders first (in role order), then everyone else who recorded something, by name. */
function peopleOf(i: Incident, counts: Map<string, number>): Person[] {
  const roles = new Map<string, Person['roles']>();
  const holders: Record<(typeof ROLE_ORDER)[number], string | null> = { reporter: i.reporterId, commander: i.commanderId, comms: i.commsId, scribe: i.scribeId };
  for (const role of ROLE_ORDER) {
    const id = holders[role];
    if (id) roles.set(id, [...(roles.get(id) ?? []), role]);
  }
  const others = [...counts.keys()].filter((id) => !roles.has(id)).sort();
  return [...roles.keys(), ...others].map((userId) => ({ userId, roles: roles.get(userId) ?? [], events: counts.get(userId) ?? 0 }));
}

function playbookProgress(run: Run): PlaybookProgress {
  const p = progress(run);
  return {
    runId: run.id,
    playbookId: run.playbook.id,
    title: run.playbook.title,
    startedBy: run.startedBy,
    startedAt: run.startedAt,
    done: p.done,
    skipped: p.skipped,
    total: p.total,
    steps: run.steps.map((s) => ({
      number: s.number,
      section: s.section,
      title: s.step.title,
      state: s.state,
      assignee: s.assignee,
      changedBy: s.changedBy,
      changedAt: s.changedAt,
      note: s.note,
    })),
  };
}

function reportEvidence({ item, ref, transfers, checks }: EvidenceLogEntry): ReportEvidence {
  const { description, location, sha256, collectedBy, collectedAt, holder, tlp } = item;
  return { ref, description, location, sha256, collectedBy, collectedAt, zone: item.collectedZone, holder, tlp, custody: transfers, checks };
}
