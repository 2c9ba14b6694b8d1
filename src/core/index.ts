// The core's public entry. Adapters (src/slack, src/cli, src/web, src/sandbox, src/scheduler, src/*.ts) import core only
// from here, as eslint.config.js enforces; everything else in src/core is private to it. Generated from what the
// adapters use by the layout script (entry.mjs, see README "Architecture"): edit adapters, then re-run it.
export { ANSWER_WORDS, ANSWERS, type AskAnswer, type ListedAsk } from './asks/ask.js';
export type { AnswerOutcome } from './asks/answer.js';
export { askKey } from './asks/create.js';
export { DEFAULT_ASK_SETTINGS, type AskSettings } from './asks/deps.js';
export type { Awareness } from './awareness/awareness.js';
export type { AwarenessPoster, AwarenessSettings } from './awareness/deps.js';
export { loadTips } from './awareness/library.js';
export { MAX_TIP_BODY, type Tip } from './awareness/tip.js';
export { systemClock, type Clock } from './clock.js';
export type { ClockSettings } from './clocks/deps.js';
export { loadRegimesSync } from './clocks/load.js';
export type { DeadlineStatus } from './clocks/notification-clock.js';
export type { ClockSummary, ListedClock, ListedDeadline } from './clocks/read.js';
export { DEFAULT_CLOCK_REMINDERS, offsetWords, parseReminderOffsets, type Regime } from './clocks/regime.js';
export type { Actor, CoreDeps } from './context.js';
export type { AlertSource } from './alerts/alert.js';
export type { ListedSource } from './alerts/sources.js';
export type { ReceivedAlert } from './alerts/receive.js';
export { createCore, type Core } from './core.js';
export { DECOY_KINDS, type Decoy, type DecoyKind } from './decoys/decoy.js';
export type { ListedDecoy, Registered } from './decoys/manage.js';
export type { DecoyRequest } from './decoys/sightings.js';
export type { Tripped } from './decoys/trip.js';
export type { EvidenceAdded, EvidenceInput } from './evidence/add.js';
export { collectedWords, formatEvidenceRef, isSlackUser, type EvidenceLogEntry } from './evidence/evidence.js';
export type { EvidenceList } from './evidence/read.js';
export { DEFAULT_CAMPAIGN_WINDOW_MS, type ReportOutcome } from './phishing/report.js';
export { sha256Hex, type AttachmentFacts, type AuthResults, type MailFacts, type MailRejection, type MailReport } from './phishing/reported-mail.js';
export { DIGEST_GRACE_MS, DIGEST_SCHEDULE, type DigestPoster, type DigestSettings } from './digest/deps.js';
export type { Digest } from './digest/digest.js';
export { changeLine, figureLines, followupLine, openLine, periodLabel, PLAIN, type Markup } from './digest/lines.js';
export type { Home, HomeAwareness, HomeDeadline, HomeFollowUp, HomeIncident, HomeSections, HomeStep } from './home/home.js';
// A database read adapters still call directly (the outbox worker renders the card); to become a Core method.
export { buildCard, CARD_TASKS, type CardDeadline, type CardTask, type IncidentCard } from './incidents/card.js';
export { FOLLOWUP_GRACE_MS, FOLLOWUP_SCHEDULE, type FollowupSettings } from './followups/deps.js';
export type { FollowupState, ListedFollowup } from './followups/followup.js';
export type { FollowupList, FollowupScope } from './followups/read.js';
export type { Edited, IncidentEdit } from './incidents/edit.js';
export { DEFAULT_INCIDENT_TYPES } from './incidents/incident-types.js';
export { DEFAULT_SEVERITY, looksLikeRef, nextStatuses, parseRef, ROLES, SEVERITIES, type Incident, type Role, type Severity, type Status } from './incidents/incident.js';
export { ENDING_STATUSES, type OpenWork } from './incidents/open-work.js';
// Database queries adapters still call directly; to become Core methods.
export { findById, listIncidents } from './incidents/queries.js';
export type { VisibleIncident } from './incidents/read.js';
export { MAX_DESCRIPTION, MAX_NOTE, MAX_TITLE } from './incidents/text-rules.js';
export { weeklyChartPng } from './metrics/chart.js';
export { TIME_METRICS, type Stats } from './metrics/stats.js';
export type { HealthSnapshot } from './health/read.js';
export { OPEN_STATUSES } from './incidents/incident.js';
export { alignColumns, exclusionNote, formatRate, periodText, statsLines, timeTable } from './metrics/table.js';
export { exportMarking, OBSERVABLE_EXPORT_FORMATS, parseExportFormat, type ObservableExport, type ObservableExportFormat } from './observables/export.js';
export {
  defang,
  OBSERVABLE_TYPES,
  parseObservableType,
  parseVerdict,
  TYPE_LABELS,
  VERDICTS,
  type Observable,
  type ObservableOrigin,
  type ObservableType,
  type Verdict,
} from './observables/observable.js';
export type { ListedObservable, ObservableList } from './observables/read.js';
export type { ObservableChange } from './observables/record.js';
export { SCAN_LIMIT, type Found } from './observables/scan.js';
export { loadPlan, loadPlanSync, loadVersionedPlan } from './oob/load.js';
export { NO_PLAN_MESSAGE } from './oob/move.js';
export { OOB_PLAN_GRACE_MS, OOB_PLAN_SCHEDULE, type OobPlanSettings } from './oob/deps.js';
export { planLines, withoutPhrase, type OobPlan } from './oob/plan.js';
export { announcementKey, setupFollowUpKeys, type SetupResult } from './outbox/channel-setup.js';
export type { AttemptOutcome, OutboxPort } from './outbox/deps.js';
export { isMessage, type IncidentChange, type NotificationPayloads } from './outbox/notifications.js';
// Database queries adapters still call directly; to become Core methods.
export { cardMessage, claimDue, countClaimable, nextDueAt, rowsByKey, type OutboxRow } from './outbox/queries.js';
export { settleAttempt } from './outbox/settle.js';
export { VERDICT_OUTCOME, type VerdictStatus } from './outbox/verdict.js';
export { labelIdsIn, personLabel, type PeopleDirectory, type Profile } from './people/directory.js';
export { importPlaybookText } from './playbooks/import/detect.js';
export { ImportError } from './playbooks/import/result.js';
export { playbookToYaml } from './playbooks/import/to-yaml.js';
export { loadLibrary, type PlaybookLibrary } from './playbooks/library.js';
export { formatProblem, loadPlaybookDir, type PlaybookProblem } from './playbooks/load.js';
export { ownerOf } from './playbooks/owners.js';
export { durationMs, numberedSteps, type Playbook } from './playbooks/playbook.js';
// runWithIncident: a database read the outbox worker still calls directly (rendering a checklist); to become a Core method.
export { checklistPageKey, runWithIncident, type Task } from './playbooks/read.js';
export { progress, progressWords, type Run, type RunStep } from './playbooks/run.js';
export { whyNot, type StepAction, type StepResult } from './playbooks/steps.js';
export { plural } from './plural.js';
export { STALE_GRACE_MS, STALE_SCHEDULE, type ReminderSettings } from './reminders/deps.js';
export { parseQuietHours, parseUpdateIntervals } from './reminders/reminder.js';
export { describeEvent } from './reports/describe.js';
export { EXPORT_FORMATS } from './reports/export.js';
export { FORMAT_NAMES, formatNamed, parseReportFormat } from './reports/format-names.js';
export { escapeHtml } from './reports/formats/html-escape.js';
export { humanTime } from './reports/formats/human.js';
export { FORMAT_INFO, renderReport, reportFileName } from './reports/formats/index.js';
export { formatDuration } from './reports/phases.js';
export { shortTimeline, type ShortTimeline } from './reports/read.js';
export type { ReportEvent, ReportFormat, ReportHeader } from './reports/report.js';
export { REVIEW_FIELD_LABELS, type Review, type ReviewContent } from './reviews/review.js';
export { checkReview, MAX_ACTION_ITEMS, MAX_ACTION_TEXT, MAX_REVIEW_TEXT } from './reviews/schema.js';
export { loadRulesSync } from './rules/load.js';
export { describeRule, type IncidentRule, type IncidentRules } from './rules/rule.js';
export { checkCron, type Schedule } from './schedules/schedule.js';
export type { SearchResult } from './search/read.js';
export type { HitKind, SearchHit } from './search/search.js';
export { verificationLine } from './timeline/chain.js';
export { isBackdated, type SlackMessageRef, type TimelineEvent } from './timeline/events.js';
export { channelAudience, eventTlp, incidentTlp, SHARED_CHANNEL_AUDIENCE } from './tlp/marking.js';
export { mayReceive, parseTlp, tlpLabel, TLP_LEVELS, tlpRank, tlpStatement, TLP_WORDING, type Tlp } from './tlp/tlp.js';
export { TlpFilter, withheldList, withheldText, type WithheldCounts } from './tlp/withhold.js';
export type { DeliveriesApi } from './deliveries/core-api.js';
export { DELIVERY_CHANNELS, type DeliveryChannel, type DeliveryOutcome, type DeliveryRow, type LoggedDelivery } from './deliveries/delivery.js';
export type { ReporterEmail } from './deliveries/email.js';
export type { PagingSettings } from './deliveries/deps.js';
export { WEBHOOK_EVENTS, type Webhook } from './webhooks/webhook.js';
