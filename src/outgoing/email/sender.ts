// The outgoing outbox's email channel: renders a reporter email and sends it over SMTP. The Message-ID comes from the
// delivery, so a resend after a lost answer is the same message to the reporter's mail client (which shows it once).
import type { DeliveryRow, ReporterEmail } from '../../core/index.js';
import type { DirectSender } from '../senders.js';
import { isPermanentFailure, type Mailer } from './smtp.js';
import { thanksEmail, verdictEmail } from './render.js';

/** The sender for `email` deliveries; `domain` names this deployment in Message-IDs (the From address's domain). */
export function emailSender(mailer: Mailer, domain: string): DirectSender {
  return {
    async send(row: DeliveryRow) {
      const email = row.payload as unknown as ReporterEmail;
      const { subject, text } = email.kind === 'report_thanks' ? thanksEmail(email) : verdictEmail(email);
      try {
        await mailer.send({ to: email.to, subject, text, messageId: `<rampart-delivery-${row.id}@${domain}>`, ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}) });
        return { kind: 'delivered' };
      } catch (err) {
        const error = smtpError(err);
        return isPermanentFailure(err) ? { kind: 'failed', error } : { kind: 'retry', error };
      }
    },
  };
}

/** The domain of a From address ("Security <sec@example.org>" → example.org), for Message-IDs. */
export function fromDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'rampart.invalid';
}

function smtpError(err: unknown): string {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  if (e.responseCode) return `SMTP ${e.responseCode}: ${(e.response ?? e.message ?? '').replace(/\s+/g, ' ').slice(0, 200)}`;
  return e.code ?? e.message ?? String(err);
}
