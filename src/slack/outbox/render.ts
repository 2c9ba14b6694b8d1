// Turning an outbox notification (domain data) into the message Slack shows. Pure, so it is tested without Bolt.
import type { IncidentChange, NotificationPayloads } from '../../core/outbox/notifications.js';
import { drillPrefix } from '../blocks/drill.js';
import { reviewPrompt } from '../blocks/review-modal.js';

/** The words of a change, as the incident channel reads them (mrkdwn). */
export function changeText(p: Pick<NotificationPayloads['incident_changed'], 'ref' | 'by' | 'change'>): string {
  const by = `(by <@${p.by}>)`;
  const c: IncidentChange = p.change;
  if (c.kind === 'severity') return `*${p.ref}* severity: ${c.from} → *${c.to}* ${by}`;
  if (c.kind === 'role') return `<@${c.to}> is now *${c.role}* of *${p.ref}* ${by}`;
  // A merge names its target first, as it was typed (`merged INC-1 duplicate report`).
  const note = [c.mergedInto, c.note].filter(Boolean).join(' ');
  return `*${p.ref}* status: ${c.from} → *${c.to}* ${by}${note ? `: ${note}` : ''}`;
}

/** The incident channel's message about a change; a drill's starts with the DRILL marker. */
export function changeMessage(p: NotificationPayloads['incident_changed']): { text: string; blocks?: unknown[] } {
  const text = `${drillPrefix(p)}${changeText(p)}`;
  return p.offerReview ? { text, blocks: reviewPrompt(text, p.ref) } : { text };
}

/** The reporter's direct message about the incident channel: ready after a delay, or given up (with what to do). */
export function reporterMessage(p: NotificationPayloads['reporter_told']): { text: string } {
  const ref = `${drillPrefix(p)}*${p.ref}*`;
  if (p.about === 'channel_ready') return { text: `:white_check_mark: ${ref}'s channel is ready: <#${p.channelId}>.` };
  return {
    text: `:warning: ${ref} is saved, but its channel could not be created (${p.error ?? 'unknown error'}); this is on its timeline. Work on it with \`/incident\` commands naming ${p.ref}, or ask an admin to check the bot's permissions.`,
  };
}
