// Small Block Kit helpers shared by the builders. Every mrkdwn field takes Mrkdwn (./mrkdwn.ts), so text people
// typed reaches Slack escaped; plain_text fields take strings and are only cut to Slack's lengths.
import type { Incident } from '../../core/index.js';
import { channelMention, clipMd, md, mention, type Mrkdwn } from './mrkdwn.js';

export { md, plain, joinMd, mention, channelMention, slackDate, link, quote, clipMd, chunkMd, withMentions, Mrkdwn } from './mrkdwn.js';

/** Slack's limit on a section's or a context element's text. */
export const MAX_SECTION = 3000;

/** A mrkdwn section. Slack caps section text at 3,000 characters: longer text is cut with a visible marker. */
export function section(text: Mrkdwn) {
  return { type: 'section', text: { type: 'mrkdwn', text: clipMd(text, MAX_SECTION).text } } as const;
}

/** A context line. */
export function context(text: Mrkdwn) {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clipMd(text, MAX_SECTION).text }] } as const;
}

/** A header (150 characters at most). */
export function header(text: string) {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, 150), emoji: true } } as const;
}

/** Cuts plain text to max characters, saying so, so nothing is truncated silently; never splits a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 14;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}… (truncated)`;
}

/** A user mention, or a placeholder. */
export function who(userId: string | null, none: Mrkdwn = md`_unassigned_`): Mrkdwn {
  return userId ? mention(userId) : none;
}

/** A channel link, or a placeholder. */
export function channelLink(incident: Pick<Incident, 'channelId'>): Mrkdwn {
  return incident.channelId ? channelMention(incident.channelId) : md`_no channel yet_`;
}

/** SEV2 style label. */
export function sevLabel(severity: string): string {
  return severity.toUpperCase();
}

/** A button; Slack caps its text at 75 characters and its value at 2,000. */
export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger') {
  return { type: 'button', text: { type: 'plain_text', text: clip(text, 75), emoji: true }, action_id: actionId, value, ...(style ? { style } : {}) } as const;
}

/**
 * Lines packed into as few sections as Slack allows (2,900 characters each, at most maxSections); returns the
 * sections and how many lines fitted, so callers can say how many were left out.
 */
export function packLines(lines: Mrkdwn[], maxSections = 45): { sections: Mrkdwn[]; shown: number } {
  const sections: Mrkdwn[] = [];
  let current: Mrkdwn | undefined;
  let shown = 0;
  for (const line of lines) {
    if (current && current.text.length + line.text.length + 1 > 2900) {
      if (sections.length === maxSections - 1) break;
      sections.push(current);
      current = undefined;
    }
    current = current ? md`${current}\n${line}` : line;
    shown += 1;
  }
  if (current) sections.push(current);
  return { sections, shown };
}
