// Reported phishing as createCore offers it: the mailbox adapter hands over parsed reports and rejections (trusted:
// only the intake calls these; the incidents they open follow the usual access rules).
import type { CoreDeps } from '../context.js';
import { mailsOf } from './queries.js';
import { DEFAULT_CAMPAIGN_WINDOW_MS, rejectReport, reportPhishing } from './report.js';
import type { MailRejection, MailReport } from './reported-mail.js';

/** Binds phishing intake to core's dependencies. */
export function phishingApi(deps: CoreDeps) {
  return {
    /** Handles a parsed report once: opens or joins its campaign's incident with facts, evidence and observables. */
    report: (report: MailReport) => reportPhishing(deps, report),
    /** Records a message that could not be handled, with the reason, once. */
    reject: (rejection: MailRejection) => rejectReport(deps, rejection),
    /** The mails reported into an incident (trusted: reporters' addresses, for the thank-you and the verdict). */
    mailsOf: (incidentId: number) => mailsOf(deps.db, incidentId),
    /** How long reports of one campaign keep joining its open incident. */
    campaignWindowMs: () => deps.phishingCampaignWindowMs ?? DEFAULT_CAMPAIGN_WINDOW_MS,
  };
}
