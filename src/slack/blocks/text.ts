// Small Block Kit helpers shared by the builders.
import type { Incident } from '../../core/incidents/incident.js';

/** A mrkdwn section. Slack caps section text at 3,000 characters: longer text is cut with a visible marker. */
export function section(text: string) {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } } as const;
}

/** A context line. */
export function context(text: string) {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, 3000) }] } as const;
}

/** A header (150 characters at most). */
export function header(text: string) {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, 150), emoji: true } } as const;
}

/** Cuts text to max characters, saying so, so nothing is truncated silently. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 14)}… (truncated)`;
}

/** A user mention, or a placeholder. */
export function who(userId: string | null, none = '_unassigned_'): string {
  return userId ? `<@${userId}>` : none;
}

/** A channel link, or a placeholder. */
export function channelLink(incident: Pick<Incident, 'channelId'>): string {
  return incident.channelId ? `<#${incident.channelId}>` : '_no channel yet_';
}

/** SEV2 style label. */
export function sevLabel(severity: string): string {
  return severity.toUpperCase();
}

/** A Slack date token that each reader sees in their own time zone, with an ISO fallback. */
export function slackDate(d: Date): string {
  const seconds = Math.floor(d.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${d.toISOString()}>`;
}

/** Text from playbooks and people, escaped so Slack shows `<`, `>` and `&` as typed instead of reading links. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A button; Slack caps its text at 75 characters and its value at 2,000. */
export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger') {
  return { type: 'button', text: { type: 'plain_text', text: clip(text, 75), emoji: true }, action_id: actionId, value, ...(style ? { style } : {}) } as const;
}

/**
 * Lines packed into as few sections as Slack allows (2,900 characters each, at most maxSections); returns the
 * sections and how many lines fitted, so callers can say how many were left out.
 */
export function packLines(lines: string[], maxSections = 45): { sections: string[]; shown: number } {
  const sections: string[] = [];
  let current = '';
  let shown = 0;
  for (const line of lines) {
    if (current && current.length + line.length + 1 > 2900) {
      if (sections.length === maxSections - 1) break;
      sections.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
    shown += 1;
  }
  if (current) sections.push(current);
  return { sections, shown };
}
