// What a report is made of, whatever its format: a header (everything but the events) and the events, streamed in
// the order they happened so a 100,000-event report never sits in memory at once. The JSON format writes these
// shapes as they are (docs/report-json.md), so changing them means a new REPORT_VERSION.
import type { EventKind } from '../timeline/events.js';
import type { EventSource } from '../../db/schema.js';
import type { Severity, Status } from '../incidents/incident.js';
import type { Review } from '../reviews/review.js';
import type { StepState } from '../playbooks/run.js';
import type { Verification } from '../timeline/chain.js';
import type { Tlp } from '../tlp/tlp.js';

/** The version of the report shape; bumped on any change that could break a reader. */
export const REPORT_VERSION = 1;

/** The formats a report can be written in. */
export const REPORT_FORMATS = ['md', 'html', 'json', 'csv', 'timesketch', 'timesketch-csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A stretch of time the incident spent in one status. end is null for the status it is in now. */
export interface Phase {
  status: Status;
  start: Date;
  end: Date | null;
  /** end − start; for the current status, up to the report's generatedAt, except final statuses (closed, declined, merged), which have none. */
  durationMs: number | null;
}

/** The moments metrics are measured between (from the incident's phase columns). */
export interface KeyTimes {
  declared: Date;
  acknowledged: Date | null;
  contained: Date | null;
  resolved: Date | null;
  closed: Date | null;
}

/** Times from declaration, in milliseconds; null when that moment has not come. */
export interface Durations {
  toAcknowledge: number | null;
  toContain: number | null;
  toResolve: number | null;
  toClose: number | null;
}

/** Someone involved: their roles on the incident and how many events they recorded. */
export interface Person {
  userId: string;
  roles: ('reporter' | 'commander' | 'comms' | 'scribe')[];
  events: number;
}

/** One playbook run and where each step stands. */
export interface PlaybookProgress {
  runId: number;
  playbookId: string;
  title: string;
  startedBy: string;
  startedAt: Date;
  done: number;
  skipped: number;
  total: number;
  steps: {
    number: number;
    section: string;
    title: string;
    state: StepState;
    assignee: string | null;
    changedBy: string | null;
    changedAt: Date | null;
    note: string | null;
  }[];
}

/** An awareness tip made from this incident's lessons, and how it went out. */
export interface TipFromIncident {
  id: string;
  title: string;
  createdBy: string;
  createdAt: Date;
  posts: { channelId: string; postedAt: Date; acks: number; audience: number | null }[];
}

/** A follow-up as reports list it (open ones first, by due date). */
export interface ReportFollowup {
  text: string;
  owner: string | null;
  /** YYYY-MM-DD. */
  due: string | null;
  state: 'open' | 'done' | 'cancelled';
}

/** An observable as reports list it, in the order it was added; reports for people show value defanged. */
export interface ReportObservable {
  type: 'ipv4' | 'ipv6' | 'domain' | 'url' | 'email' | 'md5' | 'sha1' | 'sha256' | 'phone' | 'account';
  /** The normalised value (live: never shown to people as it is). */
  value: string;
  /** The value as people are shown it: `hxxps://evil[.]example`. */
  defanged: string;
  verdict: 'malicious' | 'suspicious' | 'benign' | 'unknown';
  origin: 'typed' | 'scan' | 'alert';
  addedBy: string;
  addedAt: Date;
}

/** A notification clock as reports list it: its regime, awareness and each deadline with where it stood at generation. */
export interface ReportClock {
  regime: string;
  regimeName: string;
  state: 'running' | 'stopped';
  awareAt: Date;
  why: string | null;
  backdateReason: string | null;
  stopReason: string | null;
  deadlines: {
    deadline: string;
    label: string;
    dueAt: Date;
    /** open, overdue, met, late or stopped, when the report was generated. */
    status: string;
    notifiedAt: Date | null;
    notifiedTo: string | null;
    reference: string | null;
  }[];
}

/** A "was this you?" question as reports list it (newest first): whom, what, by whom, and the answer with its time. */
export interface ReportAsk {
  userId: string;
  question: string;
  askedBy: string;
  askedAt: Date;
  answer: 'yes' | 'no' | 'unsure' | null;
  answeredAt: Date | null;
  /** Unanswered and reminded; unanswered and reported to the commander. */
  reminded: boolean;
  escalated: boolean;
}

/** An evidence item as reports list it (NIST SP 800-61's evidence log), with its custody chain and hash re-checks. */
export interface ReportEvidence {
  /** EV-n. */
  ref: string;
  description: string;
  location: string;
  sha256: string | null;
  collectedBy: string;
  collectedAt: Date;
  /** The IANA zone the collection time was given in. */
  zone: string;
  holder: string;
  /** The item's own marking, stricter than the incident's; null: the incident's. */
  tlp: Tlp | null;
  custody: { at: Date; from: string; to: string; reason: string; by: string }[];
  checks: { at: Date; expected: string; actual: string; matches: boolean; via: 'file' | 'given'; by: string }[];
}

/** Everything in a report except the events. */
export interface ReportHeader {
  version: typeof REPORT_VERSION;
  generatedAt: Date;
  /** IANA zone human-readable formats show times in (with the offset). */
  timezone: string;
  incident: {
    ref: string;
    number: number;
    title: string;
    description: string;
    type: string;
    severity: Severity;
    status: Status;
    private: boolean;
    drill: boolean;
    channel: { id: string; name: string | null } | null;
    mergedInto: string | null;
    /** The title of the incident this was merged into, when the reader may see it (optional: added within version 1). */
    mergedIntoTitle?: string;
    reporter: string;
    commander: string | null;
    comms: string | null;
    scribe: string | null;
  };
  keyTimes: KeyTimes;
  durations: Durations;
  phases: Phase[];
  people: Person[];
  playbooks: PlaybookProgress[];
  /** The latest version of the review, and how many versions there are. */
  review: Review | null;
  reviewVersions: number;
  /** The follow-ups from the review's action items, open first; absent when there are none (optional: added within version 1). */
  followups?: ReportFollowup[];
  /** The incident's observables, in the order they were added; absent when there are none (optional: added within version 1). */
  observables?: ReportObservable[];
  /** Notification clocks, oldest first; absent when there are none (optional: added within version 1). */
  clocks?: ReportClock[];
  /** The "was this you?" questions, newest first; absent when there are none (optional: added within version 1). */
  asks?: ReportAsk[];
  /** The evidence log, in EV order; absent when no evidence was logged (optional: added within version 1). */
  evidence?: ReportEvidence[];
  awareness: { tips: TipFromIncident[] };
  eventCount: number;
  /** The timeline's hash chain, recomputed when the report was built (optional: added within version 1). */
  verification?: Verification;
  /** Names Slack gives the people the report mentions, by user id, from the profile cache (optional: added within version 1). */
  names?: Record<string, string>;
  /** The report's TLP marking for its audience and what it withheld (optional: added within version 1; always set by reportSource). */
  tlp?: ReportTlp;
}

/** A report's TLP marking: every report and export carries it at the top, in FIRST's wording. */
export interface ReportTlp {
  /** The strictest marking of what the report holds (at least the incident's). */
  marking: Tlp;
  /** The strictest marking its readers may receive; anything stricter was left out. */
  audience: Tlp;
  /** `TLP:AMBER: Limited disclosure, …`: the label and FIRST's definition. */
  statement: string;
  /** Timeline events left out for this audience, by their marking, strictest first. */
  withheld: { marking: Tlp; count: number }[];
}

/** One timeline event as reports show it. */
export interface ReportEvent {
  seq: number;
  kind: EventKind;
  actor: string;
  source: EventSource;
  occurredAt: Date;
  recordedAt: Date;
  /** Recorded noticeably later than it happened (e.g. a note starting `at 14:05`). */
  backdated: boolean;
  /** The event this one corrects, if it is a correction. */
  correctsSeq: number | null;
  /** One line of plain text saying what happened (no Slack markup). */
  summary: string;
  payload: Record<string, unknown>;
}

/** A report ready to render: the header, and the events in occurred_at order (ties by seq), read lazily. */
export interface ReportSource {
  header: ReportHeader;
  events: () => AsyncIterable<ReportEvent>;
}
