// Sending email over SMTP with nodemailer: the reporter's thanks and verdict. Only the outbox worker calls this, after
// the commit, so a mail server that is down delays a message and never decides whether a report is kept.
import nodemailer from 'nodemailer';

/** SMTP_URL and MAIL_FROM. */
export interface SmtpSettings {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
  url: string;
  /** The From address, e.g. "Rampart <security@example.org>". */
  from: string;
}

/** One message to send. Its Message-ID is fixed by the caller, so a resend after a lost answer carries the same one. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  /** The reported message's Message-ID, so the answer lands in the reporter's thread. */
  inReplyTo?: string;
}

/** What the server accepted. */
export interface Sent {
  messageId: string;
  accepted: string[];
  response: string;
}

/** Sends email; close() ends the pooled connections. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<Sent>;
  close(): void;
}

/** A mailer over the SMTP server SMTP_URL names, giving up on a silent server after timeoutMs. */
export function smtpMailer(settings: SmtpSettings, timeoutMs = 15_000): Mailer {
  const transport = nodemailer.createTransport(
    { url: settings.url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs },
    { from: settings.from },
  );
  return {
    async send(email) {
      const info = await transport.sendMail({
        to: email.to,
        subject: email.subject,
        text: email.text,
        messageId: email.messageId,
        ...(email.inReplyTo ? { inReplyTo: email.inReplyTo, references: [email.inReplyTo] } : {}),
        // An automatic answer: mail servers and clients should not answer it in turn (RFC 3834).
        headers: { 'Auto-Submitted': 'auto-replied' },
      });
      return { messageId: info.messageId, accepted: info.accepted.map(String), response: info.response };
    },
    close: () => transport.close(),
  };
}

/**
 * Whether sending failed for good: the server refused for good (a 5xx reply, e.g. no such mailbox) rather than for now
 * (4xx, a dropped connection, a timeout), which is worth trying again.
 */
export function isPermanentFailure(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
