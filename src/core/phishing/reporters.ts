// Telling the people who reported a mail what came of it: thanks when the report is handled, the verdict when the
// incident reaches one (declined, resolved, closed). By email when SMTP is set up (the outgoing outbox), and by Slack
// direct message when the reporter's address is a Slack user's. Enqueued in the transaction of the change, keyed by it,
// so each person hears each thing once however often the change is retried.
import type { Tx } from '../../db/types.js';
import type { CoreDeps } from '../context.js';
import type { Incident, Status } from '../incidents/incident.js';
import type { TimelineEvent } from '../timeline/events.js';
import type { ReporterEmail } from '../deliveries/email.js';
import type { NewDelivery } from '../deliveries/delivery.js';
import { enqueueDeliveries } from '../deliveries/queries.js';
import { enqueueAll, type Enqueue } from '../outbox/queries.js';
import { noticeKey } from '../outbox/incident-notices.js';
import type { VerdictStatus } from '../outbox/verdict.js';
import type { SafeText } from '../../shared/safe-text.js';
import { reportersOf } from './queries.js';

const VERDICTS: readonly Status[] = ['declined', 'resolved', 'closed'];

/** A handled report, as the thanks needs it (stored, so redacted). */
export interface ThankedReport {
  mailId: number;
  reporter?: SafeText;
  reporterSlackId?: string;
  reportMessageId?: SafeText;
  subject?: SafeText;
  from?: SafeText;
  joined: boolean;
}

/** Thanks the reporter of a handled mail: email when SMTP is set up, and a Slack DM when they are a Slack user. */
export async function thankReporter(tx: Tx, deps: Pick<CoreDeps, 'reporterEmail'>, p: { incident: Incident; report: ThankedReport; now: Date }): Promise<void> {
  const { incident, report, now } = p;
  if (deps.reporterEmail && report.reporter) {
    const email: ReporterEmail = {
      kind: 'report_thanks',
      to: report.reporter,
      ref: incident.ref,
      joined: report.joined,
      ...(report.subject ? { reportedSubject: report.subject } : {}),
      ...(report.from ? { reportedFrom: report.from } : {}),
      ...(report.reportMessageId ? { inReplyTo: report.reportMessageId } : {}),
    };
    await enqueueDeliveries(tx, [emailDelivery(`reported-mail:${report.mailId}:thanks`, email, incident, now)]);
  }
  if (report.reporterSlackId) {
    const payload = { ref: incident.ref, drill: incident.drill, userId: report.reporterSlackId, joined: report.joined, ...(report.subject ? { subject: report.subject } : {}) };
    await enqueueAll(tx, [{ key: `reported-mail:${report.mailId}:thanks:slack`, incidentId: incident.id, now, notification: { kind: 'report_thanked', channel: payload.userId, payload } }]);
  }
}

/**
 * Tells everyone who reported a mail into this incident the verdict, once per person: by email, and by Slack DM when
 * they are a Slack user other than the incident's reporter (who hears it through noticeVerdict) and the person who
 * made the change (who knows).
 */
export async function tellMailReporters(
  tx: Tx,
  deps: Pick<CoreDeps, 'reporterEmail'>,
  p: { incident: Incident; event: TimelineEvent; by: string; to: Status; note?: string; now: Date },
): Promise<void> {
  if (!VERDICTS.includes(p.to)) return;
  const { incident, now } = p;
  const status = p.to as VerdictStatus;
  const emails: NewDelivery[] = [];
  const dms: Enqueue[] = [];
  const told = new Set<string>();
  for (const mail of await reportersOf(tx, incident.id)) {
    if (deps.reporterEmail && mail.reporter && !told.has(mail.reporter.toLowerCase())) {
      told.add(mail.reporter.toLowerCase());
      const email: ReporterEmail = { kind: 'report_verdict', to: mail.reporter, ref: incident.ref, status, drill: incident.drill, ...(p.note ? { note: p.note } : {}), ...(mail.reportMessageId ? { inReplyTo: mail.reportMessageId } : {}) };
      emails.push(emailDelivery(noticeKey(incident.id, p.event, `verdict:mail:${mail.id}`, now), email, incident, now));
    }
    const slackId = mail.reporterSlackId;
    if (slackId && slackId !== incident.reporterId && slackId !== p.by && !told.has(slackId)) {
      told.add(slackId);
      const payload = { ref: incident.ref, drill: incident.drill, userId: slackId, status, ...(p.note ? { note: p.note } : {}) };
      dms.push({ key: noticeKey(incident.id, p.event, `verdict:${slackId}`, now), incidentId: incident.id, now, notification: { kind: 'verdict_told', channel: slackId, payload } });
    }
  }
  await enqueueDeliveries(tx, emails);
  await enqueueAll(tx, dms);
}

/** An email delivery in the reporter's own lane: one slow mailbox holds up nobody else's. */
function emailDelivery(key: string, email: ReporterEmail, incident: Incident, now: Date): NewDelivery {
  return { key, channel: 'email', target: email.to, lane: `email:${email.to.toLowerCase()}`, event: email.kind, payload: { ...email }, incidentId: incident.id, now };
}
