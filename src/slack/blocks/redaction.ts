// What the person who posted a secret is told once it has been redacted: it is in Slack now, so it must be rotated.
import { describeKind } from '../../shared/secret-patterns.js';
import type { TimelineEvent } from '../../core/index.js';
import { md, type Mrkdwn } from './mrkdwn.js';

/**
 * The ephemeral warning for redacted kinds, or undefined when nothing was redacted. `from` says whose text it was:
 * the poster's own, or a message they reported (whose author may need telling too).
 */
export function rotateWarning(found: readonly string[] | undefined, from: 'posted' | 'reported' = 'posted'): Mrkdwn | undefined {
  if (!found || found.length === 0) return undefined;
  const labels = found.map(describeKind);
  const what = labels.length === 1 ? labels[0]! : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)!}`;
  const it = labels.length === 1 ? 'it' : 'them';
  if (from === 'reported') {
    return md`:warning: I removed ${what} from the message you reported before storing it. Treat ${it} as exposed: rotate ${it} now (with its owner, if that is not you).`;
  }
  return md`:warning: I removed ${what} from what you posted before storing it. Treat ${it} as exposed: rotate ${it} now.`;
}

/** The kinds an event's payload says were redacted. */
export function redactedOf(event: Pick<TimelineEvent, 'payload'>): string[] | undefined {
  const r = event.payload.redacted;
  return Array.isArray(r) ? r.filter((k): k is string => typeof k === 'string') : undefined;
}

/** Text followed by the rotate warning on its own line, when there is one. */
export function withRotateWarning(text: Mrkdwn, found: readonly string[] | undefined): Mrkdwn {
  const warning = rotateWarning(found);
  return warning ? md`${text}\n${warning}` : text;
}
