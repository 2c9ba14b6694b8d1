// The words of the emails Rampart sends to people who reported a suspicious message: thanks when the report arrives,
// the verdict when the responders reach one. Plain text only, so nothing a sender wrote can become a link or markup;
// what came from the reported message is quoted, shortened and stripped of control characters.
import { VERDICT_OUTCOME, type VerdictStatus } from '../../core/index.js';

/** A reporter is thanked: what they reported and the incident it went to. */
export interface ThanksEmail {
  ref: string;
  /** The reported message's subject and sender, as stored (redacted). */
  reportedSubject?: string;
  reportedFrom?: string;
  /** True when the report joined an incident others had already reported. */
  joined: boolean;
}

/** A reporter hears the verdict. */
export interface VerdictEmail {
  ref: string;
  status: VerdictStatus;
  note?: string;
  drill: boolean;
}

const SIGNATURE = '-- \nRampart, for your security team';
const MAX_QUOTED = 200;

/** Subject and body of the thanks. */
export function thanksEmail(p: ThanksEmail): { subject: string; text: string } {
  const what = [p.reportedSubject ? `"${quoted(p.reportedSubject)}"` : undefined, p.reportedFrom ? `from ${quoted(p.reportedFrom)}` : undefined].filter(Boolean).join(' ');
  const heard = p.joined ? `Others reported the same campaign; your report was added to ${p.ref}, which the security team is already looking at.` : `The security team has it as ${p.ref} and will look at it.`;
  return {
    subject: `Thank you for your report (${p.ref})`,
    text: [
      `Thank you for reporting ${what ? `the message ${what}` : 'this message'}. ${heard}`,
      'Please do not click its links, open its attachments or reply to it. If you already did, tell the security team now: that is not a fault, and the sooner they know the more they can do.',
      'You will hear from us again when it has been looked at.',
      SIGNATURE,
    ].join('\n\n'),
  };
}

/** Subject and body of the verdict. */
export function verdictEmail(p: VerdictEmail): { subject: string; text: string } {
  return {
    subject: `What came of your report (${p.ref})`,
    text: [
      `What you reported, ${p.ref}, ${VERDICT_OUTCOME[p.status]}.${p.note ? `\n\n> ${quoted(p.note).replace(/\n/g, '\n> ')}` : ''}`,
      `Thank you for reporting it: early reports are how we catch things in time.${p.drill ? ' This was a drill, so nothing was really at risk.' : ''}`,
      SIGNATURE,
    ].join('\n\n'),
  };
}

/** Untrusted text fit to quote: no control characters (but newlines), at most MAX_QUOTED characters. */
function quoted(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return clean.length > MAX_QUOTED ? `${clean.slice(0, MAX_QUOTED - 1)}…` : clean;
}
