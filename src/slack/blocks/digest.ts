// The weekly incident digest for INCIDENT_CHANNEL: open incidents, what changed this week, the week's figures and the
// open follow-ups.
// Private incidents appear by reference only (the wording is shared with the CLI in core/digest/lines.ts). Long
// lists are cut with "and N more", keeping the message far under Slack's 50 blocks and 3,000 characters a section.
import type { Digest } from '../../core/index.js';
import { changeLine, figureLines, followupLine, openLine, periodLabel, type Markup } from '../../core/index.js';
import { message } from './message.js';
import { escapeMrkdwn, escapedByRenderer } from './mrkdwn.js';
import { context, header, md, mention, packLines, section, type Mrkdwn } from './text.js';

/** Slack message metadata type that marks our digest posts, so a replica taking over can find them. */
export const DIGEST_EVENT = 'rampart_digest';
/** At most this many incidents per list: a digest is read at a glance; the rest are counted. */
export const MAX_LISTED = 25;

// The shared wording escapes every piece it is given, so its lines can be taken as mrkdwn as they are.
const MRKDWN: Markup = { ref: (s) => `*${escapeMrkdwn(s)}*`, em: (s) => `_${escapeMrkdwn(s)}_`, user: (id) => mention(id).text, text: escapeMrkdwn };
const line = (text: string): Mrkdwn => escapedByRenderer(text);

/** The digest message, with its slot key in the metadata. */
export function digestMessage(digest: Digest, slotKey: string) {
  const { open, changes } = digest;
  return message(
    md`Weekly incident digest: ${open.length} open, ${changes.length} change${changes.length === 1 ? '' : 's'} this week`,
    [
      header('Weekly incident digest'),
      context(md`${periodLabel(digest)}`),
      ...list(md`*Open incidents (${open.length})*`, open.map((i) => line(openLine(i, MRKDWN))), md`No open incidents.`),
      ...list(md`*This week (${changes.length})*`, changes.map((c) => line(changeLine(c, digest.timezone, MRKDWN))), md`Nothing was declared, resolved, closed, declined, merged or reopened.`),
      section(md`*Figures*\n${figureLines(digest.figures).join('\n')}`),
      ...list(md`*Open follow-ups (${digest.followups.length})*`, digest.followups.map((f) => line(followupLine(f, MRKDWN))), md`No open follow-ups.`),
    ],
    { metadata: { event_type: DIGEST_EVENT, event_payload: { slot: slotKey } } },
  );
}

/** A titled list: up to MAX_LISTED lines in at most three sections, then how many were left out. */
function list(title: Mrkdwn, lines: Mrkdwn[], empty: Mrkdwn) {
  if (lines.length === 0) return [section(md`${title}\n${empty}`)];
  const { sections, shown } = packLines(lines.slice(0, MAX_LISTED), 3);
  const more = lines.length - shown;
  return [section(title), ...sections.map((s) => section(s)), ...(more > 0 ? [context(md`…and ${more} more.`)] : [])];
}
