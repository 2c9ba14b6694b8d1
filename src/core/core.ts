// The product's entry point: createCore binds every use case to its dependencies. Adapters (Slack, CLI, scheduler)
// hold a Core and nothing else from here.
import { redactFor } from './redaction/apply.js';
import type { CoreDeps, Actor } from './context.js';
import { declareIncident, type Declaration } from './incidents/declare.js';
import { assignRole, changeSeverity, changeStatus, unassignRole } from './incidents/update.js';
import { editIncident, type IncidentEdit } from './incidents/edit.js';
import { incidentForChannel, listForActor, showForActor } from './incidents/read.js';
import { openWorkBefore } from './incidents/open-work.js';
import { addCorrection, addNote, attachChannel, recordSlackMessage, recordSlackOutcome } from './timeline/record.js';
import { incidentTimeline } from './timeline/read.js';
import type { SlackMessageRef } from './timeline/events.js';
import { startPlaybook } from './playbooks/start.js';
import { changeStep, stepContext, type StepAction, type StepTarget } from './playbooks/steps.js';
import { checklist, checklistMessages, openTasks, runsForIncident } from './playbooks/read.js';
import { saveMessage } from './playbooks/queries.js';
import type { ReviewContent } from './reviews/review.js';
import { saveReview } from './reviews/save.js';
import { historyForActor, latestForActor } from './reviews/read.js';
import { reportFor } from './reports/read.js';
import { statsForActor } from './metrics/read.js';
import { exportReport, type ExportOptions } from './reports/export.js';
import { exportSize } from './reports/queries.js';
import { authorize } from './access/authorize.js';
import { verifyAll, verifyFor } from './timeline/verify.js';
import { listDecoys, registerDecoy, retireDecoyByName } from './decoys/manage.js';
import { tripFromMessage, tripFromRequest, type DecoyMessage, type DecoyRequest } from './decoys/sightings.js';
import { worthRecording } from './decoys/triage.js';
import { LiveCredentials } from './decoys/cache.js';
import { checkOutOfBand, moveOutOfBand } from './oob/move.js';
import { acknowledgements, contactSheet, currentPlan } from './oob/read.js';
import { acknowledgePlan } from './oob/acknowledge.js';
import { runDuePlanSlots } from './oob/distribute.js';
import { lessonsOf, promoteLesson, type TipDraft } from './awareness/promote.js';
import { awarenessApi } from './awareness/core-api.js';
import { digestApi } from './digest/core-api.js';
import { remindersApi } from './reminders/core-api.js';
import { followupsApi } from './followups/core-api.js';
import { observablesApi } from './observables/core-api.js';
import { clocksApi } from './clocks/core-api.js';
import { asksApi } from './asks/core-api.js';
import { searchApi } from './search/core-api.js';
import { tlpApi } from './tlp/core-api.js';
import { evidenceApi } from './evidence/core-api.js';
import { healthApi } from './health/core-api.js';
import { alertsApi } from './alerts/core-api.js';
import { noticeMessage } from './outbox/incident-notices.js';
import { settledDeliveries } from './outbox/read.js';
import { SignatureLedger } from './requests/signatures.js';
import { noticePeople } from './people/notice.js';
import { namesFor } from './people/read.js';
import type { PeopleDirectory } from './people/directory.js';
import { openHome, readHome } from './home/read.js';
import { runDueArchives } from './archive/run-due.js';
import { keepChannelOpen } from './archive/keep-open.js';
import { deliveriesApi, webhooksApi } from './deliveries/core-api.js';
import { phishingApi } from './phishing/core-api.js';

/** Builds the core API over its dependencies. */
export function createCore(deps: CoreDeps) {
  const signatures = new SignatureLedger(deps.db, deps.clock);
  // Per core, like the ledger: each replica keeps its own copy of the live credential decoys (src/core/decoys/cache.ts).
  const liveCredentials = new LiveCredentials(deps.db, deps.clock);
  // deps stay inside: adapters get named functions, so what they may reach is this list and nothing else.
  return {
    incidentTypes: deps.incidentTypes,
    /** RULES_FILE's rules as loaded at start-up (undefined when unset), for the help's settings summary. */
    rules: deps.rules,
    /** IANA zone times are read and shown in (TIMEZONE). */
    timezone: deps.timezone,
    /** The core's clock: adapters render "due in", "overdue" and the like against the same time core records. */
    now: (): Date => deps.clock.now(),
    /** The redaction step, for an adapter that shows a person's text back before it is stored (a form pre-filled from a message). */
    redact: (text: string) => redactFor(deps, text),
    declare: (actor: Actor, input: Declaration) => declareIncident(deps, actor, input),
    /** Status, severity and roles: ref may be left out in the incident channel. */
    changeStatus: (actor: Actor, ref: string | undefined, status: string, note?: string) => changeStatus(deps, actor, ref, status, note),
    /** Open playbook steps and review action items before a status change (checked like the change; writes nothing). */
    openWork: (actor: Actor, ref: string | undefined, status: string, note?: string) => openWorkBefore(deps, actor, ref, status, note),
    changeSeverity: (actor: Actor, ref: string | undefined, severity: string) => changeSeverity(deps, actor, ref, severity),
    assignRole: (actor: Actor, ref: string | undefined, role: string, userId: string) => assignRole(deps, actor, ref, role, userId),
    unassignRole: (actor: Actor, ref: string | undefined, role: string) => unassignRole(deps, actor, ref, role),
    /** Corrects the title, type, visibility or drill marking; making an incident public needs `confirmed`. */
    edit: (actor: Actor, ref: string | undefined, edit: IncidentEdit, opts?: { confirmed?: boolean }) => editIncident(deps, actor, ref, edit, opts),
    addNote: (actor: Actor, ref: string | undefined, text: string) => addNote(deps, actor, ref, text),
    /** A note marked as a lesson learnt (admins can promote it to an awareness tip). */
    addLesson: (actor: Actor, ref: string | undefined, text: string) => addNote(deps, actor, ref, text, { lesson: true }),
    addCorrection: (actor: Actor, ref: string | undefined, seq: number, text: string) => addCorrection(deps, actor, ref, seq, text),
    recordSlackMessage: (actor: Actor, message: SlackMessageRef, via: 'reaction' | 'pin', eventId?: string) =>
      recordSlackMessage(deps, actor, message, via, eventId),
    attachChannel: (incidentId: number, channel: { id: string; name: string; private: boolean }) => attachChannel(deps, incidentId, channel),
    recordSlackOutcome: (incidentId: number, outcome: Parameters<typeof recordSlackOutcome>[2]) => recordSlackOutcome(deps, incidentId, outcome),
    list: (actor: Actor, scope: 'open' | 'all') => listForActor(deps, actor, scope),
    show: (actor: Actor, ref: string | undefined) => showForActor(deps, actor, ref),
    timeline: (actor: Actor, ref: string | undefined) => incidentTimeline(deps, actor, ref),
    incidentForChannel: (channelId: string) => incidentForChannel(deps, channelId),
    /** An incident's report (header and streamed events), for people who may see it. */
    report: (actor: Actor, ref: string | undefined, opts?: { verify?: boolean }) => reportFor(deps, actor, ref, opts),
    /** Incident figures over a period (`30d`, `90d`, `365d`, `all`), for responders. */
    stats: (actor: Actor, period: string | undefined) => statsForActor(deps, actor, period),
    /** Recomputes an incident's timeline hash chain, for people who may see it. */
    verify: (actor: Actor, ref: string | undefined) => verifyFor(deps, actor, ref),
    /** Every incident's chain, one at a time (trusted callers only: it names private incidents). */
    verifyAll: () => verifyAll(deps.db),
    /** How many incidents and events an export since this date holds (trusted callers only, like the export). */
    exportSize: (since: Date | null) => exportSize(deps.db, since),
    /** Every incident declared since a date, streamed in a machine format (trusted callers only: it holds private incidents in full). */
    exportAll: (opts: ExportOptions) => exportReport(deps, opts),
    playbooks: {
      library: deps.playbooks,
      start: (actor: Actor, ref: string | undefined, playbookId: string) => startPlaybook(deps, actor, ref, playbookId),
      changeStep: (actor: Actor, target: StepTarget, action: StepAction) => changeStep(deps, actor, target, action),
      step: (actor: Actor, target: StepTarget) => stepContext(deps, actor, target),
      checklist: (runId: number) => checklist(deps, runId),
      runs: (incidentId: number) => runsForIncident(deps, incidentId),
      tasks: (actor: Actor, ref: string | undefined) => openTasks(deps, actor, ref),
      messages: (runId: number) => checklistMessages(deps, runId),
      /** Remembers the Slack message showing a page of a run's checklist, so it is updated in place later. */
      saveMessage: (m: { runId: number; page: number; channelId: string; ts: string }) => saveMessage(deps.db, m),
    },
    notices: {
      /** Posts a message the adapter rendered through the outbox: once, even when Slack's answer is lost. */
      post: (p: Parameters<typeof noticeMessage>[1]) => noticeMessage(deps, p),
      /** Where notifications stand once the worker has tried what was due. */
      settled: (keys: readonly string[]) => settledDeliveries(deps, keys),
    },
    oob: {
      /** Whether the actor may move the incident out of band and the plan is valid; writes nothing. */
      check: (actor: Actor, ref: string) => checkOutOfBand(deps, actor, ref),
      /** Records the move (reason, recipient count), enqueues each person's direct message and returns who gets it. */
      move: (actor: Actor, ref: string, reason: string, channelMembers: readonly string[] = [], skip: readonly string[] = []) =>
        moveOutOfBand(deps, actor, ref, reason, channelMembers, skip),
      /** The plan file as it is now and its version (trusted callers: the plan is not for every reader). */
      current: () => currentPlan(deps),
      /** The printable contact sheet (self-contained HTML) of the current plan (trusted callers). */
      sheet: () => contactSheet(deps),
      /** The current version, when it was first posted, and who acknowledged it (trusted callers). */
      acknowledgements: () => acknowledgements(deps),
      /** The Acknowledge button: the actor has read this version of the plan (one row per person and version). */
      acknowledge: (actor: Actor, version: string) => acknowledgePlan(deps, actor, version),
      /** When the plan is posted and reminded: undefined when OOB_PLAN_CRON is off or nothing runs it. */
      schedule: () => deps.oobDistribution?.schedule,
      /** Runs the plan slot due now, if any (trusted: the scheduler's call; safe on every replica at once). */
      runDue: () => (deps.oobDistribution ? runDuePlanSlots(deps, deps.oobDistribution) : Promise.resolve([])),
    },
    reviews: {
      /** Saves the review as the incident's next version. */
      save: (actor: Actor, ref: string, content: ReviewContent) => saveReview(deps, actor, ref, content),
      /** The latest version and the number of versions (ref may be left out in the incident channel). */
      latest: (actor: Actor, ref: string | undefined) => latestForActor(deps, actor, ref),
      /** Every version, oldest first. */
      history: (actor: Actor, ref: string | undefined) => historyForActor(deps, actor, ref),
    },
    // Here rather than in the awareness API: lessons belong to an incident and follow its access rule.
    lessons: {
      /** An incident's lessons, for the promote form (admins who may see the incident). */
      of: (actor: Actor, ref: string) => lessonsOf(deps, actor, ref),
      /** Turns an admin's edit of an incident's lessons into a queued tip (admins who may see the incident). */
      promote: (actor: Actor, ref: string, draft: TipDraft) => promoteLesson(deps, actor, ref, draft),
    },
    people: {
      /** Caches the names of the people among userIds never looked up or looked up long ago, asking the directory. */
      notice: (directory: PeopleDirectory, userIds: readonly string[]) => noticePeople(deps, directory, userIds),
      /** The cached names of these people, in one query (people without one are left out). */
      names: (userIds: readonly string[]) => namesFor(deps, userIds),
    },
    home: {
      /** The actor opened App Home (or turned to `page`): recorded, so later changes refresh it; returns what it shows. */
      open: (actor: Actor, opts?: { page?: number }) => openHome(deps, actor, opts),
      /** What the actor's Home tab shows now, on the page they were last on (a refresh; records nothing). */
      read: (actor: Actor) => readHome(deps, actor),
    },
    requests: {
      /** True the first time a request signature is presented (on any replica), false for a replay until validUntil. */
      claimSignature: (signature: string, validUntil: Date) => signatures.claim(signature, validUntil),
    },
    /** Channel tidy-up: closed incidents' channels archived CHANNEL_ARCHIVE_AFTER after closing, unless kept open. */
    archive: {
      /** After closing, how long until the channel is archived (undefined: never). */
      afterMs: deps.archiveAfterMs,
      /** Enqueues the archives due now; safe on every replica at once (the scheduler's minutely sweep, the sandbox's `wait`). */
      runDue: () => runDueArchives(deps),
      /** Keep open: the closed incident's channel stays (its commander and responders). */
      keepOpen: (actor: Actor, ref: string | undefined) => keepChannelOpen(deps, actor, ref),
    },
    /** The weekly awareness programme (admins run it; anyone reads and acknowledges tips). */
    awareness: awarenessApi(deps),
    /** The weekly incident digest posted to INCIDENT_CHANNEL. */
    digest: digestApi(deps),
    /** Update reminders, the missing-commander nudge and the weekly stale list. */
    reminders: remindersApi(deps),
    /** Follow-ups: the latest review's action items, with owners, due dates and reminders. */
    followups: followupsApi(deps),
    /** Observables (indicators of compromise): recorded, marked, offered from scans, exported as STIX, MISP and CSV. */
    observables: observablesApi(deps),
    /** Notification clocks: regulators' deadlines counted from awareness (GDPR, NIS2, the regimes file), with reminders. */
    clocks: clocksApi(deps),
    /** "Was this you?": questions to one person by direct message, their answers, reminders and reports to the commander. */
    asks: asksApi(deps),
    /** Search across incidents, notes and lessons (Postgres full-text search), filtered by who may see what. */
    search: searchApi(deps),
    tlp: tlpApi(deps),
    /** Evidence and its chain of custody (NIST SP 800-61's evidence log). */
    evidence: evidenceApi(deps),
    /** Operational figures for monitoring (GET /metrics): the outbox backlog, open incidents, scheduled slots. */
    health: healthApi(deps),
    /** Alert intake (POST /api/v1/alerts): sources with their tokens, and alerts that open or join triage incidents. */
    alerts: alertsApi(deps),
    /** Outgoing webhooks (admins register where incident events are sent, signed). */
    webhooks: webhooksApi(deps),
    /** The outbox of outgoing HTTP deliveries (webhooks, PagerDuty): the delivery log, and the worker's claim and settle. */
    deliveries: deliveriesApi(deps),
    /** Reported phishing mails (the mailbox intake): each handled once, opening or joining its campaign's incident. */
    phishing: phishingApi(deps),
    decoys: {
      /** Throws not_authorized (and reports the refusal) unless the actor may manage decoys; writes nothing. */
      mayManage: (actor: Actor) => authorize(deps, actor, 'decoy.manage'),
      /** Plants a decoy (admins); a credential decoy's string to plant is returned only here. */
      register: (actor: Actor, input: { name: string; kind?: string; note?: string }) => registerDecoy(deps, actor, input, liveCredentials),
      /** Live decoys with their hit counts (admins). */
      list: (actor: Actor) => listDecoys(deps, actor),
      /** Retires a live decoy by name (admins). */
      retire: (actor: Actor, name: string) => retireDecoyByName(deps, actor, name, liveCredentials),
      /** Records a fetch of a decoy URL (and any decoy credential it presented); [] when it was no live decoy. */
      tripFromRequest: (req: DecoyRequest) => tripFromRequest(deps, req, liveCredentials),
      /** The requests of a batch that may record anything (a live path token, or credentials presented); one query. */
      worthRecording: (reqs: readonly DecoyRequest[]) => worthRecording(deps, reqs),
      /** Records each live decoy credential pasted in a Slack message, once per Slack event. */
      tripFromMessage: (msg: DecoyMessage) => tripFromMessage(deps, msg, liveCredentials),
      /** Reads the live credential decoys into memory (at start-up; later changes are picked up by themselves). */
      loadLiveCredentials: () => liveCredentials.load(),
    },
  };
}

/** The core API. */
export type Core = ReturnType<typeof createCore>;
