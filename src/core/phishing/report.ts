// Handling one reported phishing mail, in ONE transaction: claim the message (its unique keys make it once-only
// across restarts and replicas), take the intake lock, join the open incident of the same campaign or declare a
// triage `phishing` one, then record the facts on the timeline (redacted), the .eml as evidence with its hash, and
// the sender, URLs and attachment hashes as observables. A rejected message is claimed the same way, with its reason.
import type { Tx } from '../../db/types.js';
import { inTransaction, type CoreDeps } from '../context.js';
import { OPEN_STATUSES, type Incident } from '../incidents/incident.js';
import { findById } from '../incidents/queries.js';
import { declareBySystem, SYSTEM_ACTOR } from '../incidents/declare-system.js';
import { logEvidenceBySystem } from '../evidence/log-system.js';
import { redactFor, redactJson, redactedField } from '../redaction/apply.js';
import { appendEvent } from '../timeline/queries.js';
import { recordMailObservables } from './observables.js';
import { thankReporter } from './reporters.js';
import { campaignIncidentId, claimedAt, claimMail, insertKeys, lockIntake, setIncident } from './queries.js';
import { campaignKeys, incidentDescription, incidentTitle, messageKey, sha256Hex, type MailRejection, type MailReport } from './reported-mail.js';

/** A report opens triage incidents of this type and severity. */
export const PHISHING_INCIDENT = { type: 'phishing', severity: 'sev3' } as const;
/** Reports sharing a sender, a URL or a subject within this long join one open incident, unless PHISHING_CAMPAIGN_WINDOW says otherwise. */
export const DEFAULT_CAMPAIGN_WINDOW_MS = 72 * 3_600_000;
/** URLs beyond this many are kept on the timeline but not recorded one by one as observables. */
const MAX_URL_OBSERVABLES = 25;

/** What handling a report did: opened or joined an incident, or nothing (the message was handled before). */
export type ReportOutcome =
  | { outcome: 'opened' | 'joined'; incident: Incident; evidence: string; evidenceSha256: string; observables: number; setup?: string }
  /** Handled before (here or on another replica), first at handledAt. */
  | { outcome: 'duplicate'; handledAt: Date };

/** Handles a parsed report once: opens or joins the campaign's incident and records everything in one transaction. */
export async function reportPhishing(deps: CoreDeps, report: MailReport): Promise<ReportOutcome> {
  const now = deps.clock.now();
  const windowMs = deps.phishingCampaignWindowMs ?? DEFAULT_CAMPAIGN_WINDOW_MS;
  const evidenceSha256 = sha256Hex(report.evidence);
  const keys = campaignKeys(report.original).map((k) => ({ kind: k.kind, value: redactFor(deps, k.value).text }));
  const keyOf = { mailbox: report.mailbox, messageKey: messageKey(report), uidKey: report.uidKey ?? null };
  const shown = textFields(deps, report);
  return inTransaction(deps, async (tx) => {
    const claimed = await claimMail(tx, {
      ...keyOf,
      state: 'handled',
      ...shown,
      ...(report.reporterVerified && report.reporterSlackId ? { reporterSlackId: report.reporterSlackId } : {}),
      evidenceSha256,
      evidence: report.evidence,
      receivedAt: now,
    });
    if (!claimed) return { outcome: 'duplicate' as const, handledAt: await claimedAt(tx, keyOf) };
    await lockIntake(tx);
    const joined = await openCampaignIncident(tx, keys, new Date(now.getTime() - windowMs));
    const { incident, setup } = joined ? { incident: joined, setup: undefined } : await declareBySystem(deps, tx, declaration(report), now);
    await setIncident(tx, claimed.id, incident.id);
    await insertKeys(tx, claimed.id, keys);
    const { value: facts, found } = redactJson(deps, { ...report.original, reporter: report.reporter ?? null, reporterVerified: report.reporterVerified === true, reportMessageId: report.reportMessageId ?? null, mailbox: report.mailbox, via: report.via });
    await appendEvent(tx, incident.id, { kind: 'phishing_reported', ...SYSTEM_ACTOR, payload: { ...facts, reportedMailId: claimed.id, joined: Boolean(joined), ...redactedField(found) } }, now);
    const evidence = await logEvidenceBySystem(
      deps,
      tx,
      incident.id,
      {
        description: `Reported mail ${report.original.subject ? `"${report.original.subject.slice(0, 200)}"` : '(no subject)'} (.eml${report.via === 'attachment' ? ', as attached to the report' : ''})`,
        location: `Rampart database, reported mail #${claimed.id}; the report is in ${report.mailbox}, folder Rampart/Processed`,
        sha256: evidenceSha256,
      },
      now,
    );
    const observables = await recordMailObservables(deps, tx, incident.id, report.original, { maxUrls: MAX_URL_OBSERVABLES }, now);
    await thankReporter(tx, deps, {
      incident,
      report: {
        mailId: claimed.id,
        joined: Boolean(joined),
        ...(shown.reporter ? { reporter: shown.reporter } : {}),
        ...(report.reporterVerified && report.reporterSlackId ? { reporterSlackId: report.reporterSlackId } : {}),
        ...(shown.reportMessageId ? { reportMessageId: shown.reportMessageId } : {}),
        ...(report.original.subject ? { subject: redactFor(deps, report.original.subject.slice(0, 998)).text } : {}),
        ...(report.original.from ? { from: redactFor(deps, report.original.from.address.slice(0, 320)).text } : {}),
      },
      now,
    });
    return { outcome: joined ? ('joined' as const) : ('opened' as const), incident, evidence: evidence.ref, evidenceSha256, observables, ...(setup ? { setup } : {}) };
  });
}

/** Records a message that could not be handled (once, like a report), so it is not read again and the reason is kept. */
export async function rejectReport(deps: CoreDeps, rejection: MailRejection): Promise<{ outcome: 'rejected' } | { outcome: 'duplicate'; handledAt: Date }> {
  const now = deps.clock.now();
  const keyOf = { mailbox: rejection.mailbox, messageKey: messageKey(rejection), uidKey: rejection.uidKey ?? null };
  return inTransaction(deps, async (tx) => {
    const claimed = await claimMail(tx, {
      ...keyOf,
      state: 'rejected',
      reason: redactFor(deps, rejection.reason.slice(0, 1000)).text,
      ...(rejection.reportMessageId ? { reportMessageId: redactFor(deps, rejection.reportMessageId.slice(0, 998)).text } : {}),
      receivedAt: now,
    });
    return claimed ? { outcome: 'rejected' as const } : { outcome: 'duplicate' as const, handledAt: await claimedAt(tx, keyOf) };
  });
}

/** The still-open incident of the campaign, locked for the appends; undefined when none (or it ended meanwhile). */
async function openCampaignIncident(tx: Tx, keys: Parameters<typeof campaignIncidentId>[1], since: Date): Promise<Incident | undefined> {
  const id = await campaignIncidentId(tx, keys, since);
  if (id === undefined) return undefined;
  const incident = await findById(tx, id, { forUpdate: true });
  return incident && OPEN_STATUSES.includes(incident.status) ? incident : undefined;
}

/**
 * A new campaign's incident: triage, reported by Rampart (the reporter is an address, not a Slack user), and private,
 * as a declaration is by default: its title is the lure's subject, which may name whom it targeted. A responder makes
 * it public after a look, when the whole staff should be warned.
 */
function declaration(report: MailReport) {
  return {
    title: incidentTitle(report.original),
    description: incidentDescription(report),
    ...PHISHING_INCIDENT,
    private: true,
    reporterId: SYSTEM_ACTOR.actor,
  };
}

/** The reporter and Message-IDs as stored: redacted, and cut to a header's length. */
function textFields(deps: CoreDeps, report: MailReport) {
  const field = (v: string | undefined) => (v ? redactFor(deps, v.slice(0, 998)).text : undefined);
  // Anyone can write any From: only an address the adapter verified is kept to be thanked and told the verdict (the
  // timeline's facts still say who the report claimed to be from).
  const reporter = report.reporterVerified ? field(report.reporter) : undefined;
  const reportMessageId = field(report.reportMessageId);
  const originalMessageId = field(report.original.messageId);
  return { ...(reporter ? { reporter } : {}), ...(reportMessageId ? { reportMessageId } : {}), ...(originalMessageId ? { originalMessageId } : {}) };
}
