// Turning an outbox notification (domain data) into the message Slack shows. Pure, so it is tested without Bolt.
import { VERDICT_OUTCOME, type IncidentChange, type NotificationPayloads } from '../../core/index.js';
import { drillPrefix } from '../blocks/drill.js';
import { reviewPrompt } from '../blocks/review-modal.js';
import { message, type SlackMessage } from '../blocks/message.js';
import { channelMention, md, mention, type Mrkdwn } from '../blocks/mrkdwn.js';
import { section } from '../blocks/text.js';

/** The words of a change, as the incident channel reads them (mrkdwn). */
export function changeText(p: Pick<NotificationPayloads['incident_changed'], 'ref' | 'by' | 'change'>): Mrkdwn {
  const by = md`(by ${mention(p.by)})`;
  const c: IncidentChange = p.change;
  if (c.kind === 'severity') return md`*${p.ref}* severity: ${c.from} → *${c.to}* ${by}`;
  if (c.kind === 'role') return md`${mention(c.to)} is now *${c.role}* of *${p.ref}* ${by}`;
  if (c.kind === 'edit') return editText(p.ref, c, by);
  if (c.kind === 'unassigned') return md`${mention(c.from)} is no longer *${c.role}* of *${p.ref}* ${by}`;
  // A merge names its target first, as it was typed (`merged INC-1 duplicate report`).
  const note = [c.mergedInto, c.note].filter(Boolean).join(' ');
  return md`*${p.ref}* status: ${c.from} → *${c.to}* ${by}${note ? `: ${note}` : ''}`;
}

/** The words of an edit: a title or type from → to; visibility and drill as what the incident now is. */
function editText(ref: string, c: Extract<IncidentChange, { kind: 'edit' }>, by: Mrkdwn): Mrkdwn {
  if (c.field === 'title' || c.field === 'type') return md`*${ref}* ${c.field}: ${c.from} → *${c.to}* ${by}`;
  if (c.field === 'drill') return md`*${ref}* is now *${c.to === 'drill' ? 'a drill' : 'a real incident'}* (was ${c.from === 'drill' ? 'a drill' : 'real'}) ${by}`;
  return md`*${ref}* is now *${c.to}* (was ${c.from}) ${by}${c.to === 'private' ? md`\n${channelStaysNote('private')}` : ''}`;
}

/** Why the Slack channel did not change with the incident: Slack gives apps no way to convert a channel. */
export function channelStaysNote(now: 'private' | 'public'): Mrkdwn {
  return now === 'private'
    ? md`If the incident channel is public, it stays public: Slack does not let apps make a channel private. A workspace admin can, in the channel’s settings (_Change to a private channel_); it keeps its history and members.`
    : md`The incident channel stays private: invite the people who should join.`;
}

/** The neutral text an announcement is replaced with when its incident is made private: no title, no details. */
export function withdrawnAnnouncement(p: { ref: string; drill: boolean }): SlackMessage {
  const text = md`${drillPrefix(p)}:lock: *${p.ref}* was made private; its details are shared only with the people working on it.`;
  // Blocks of its own: chat.update keeps the old blocks (with the title) when an update sends none.
  return message(text, [section(text)]);
}

/** The incident channel's message about a change; a drill's starts with the DRILL marker. */
export function changeMessage(p: NotificationPayloads['incident_changed']): SlackMessage {
  const text = md`${drillPrefix(p)}${changeText(p)}`;
  return p.offerReview ? message(text, reviewPrompt(text, p.ref)) : message(text);
}

/** The direct message to someone given a role, a step or a follow-up: what, by whom, and the channel they were invited to. */
export function assigneeMessage(p: NotificationPayloads['assignee_told']): SlackMessage {
  if (p.given.kind === 'followup') {
    return message(md`${drillPrefix(p)}${mention(p.by)} gave you a follow-up of *${p.ref}*: ${p.given.text}. \`/incident followups mine\` lists yours.`);
  }
  const what =
    p.given.kind === 'role' ? md`made you *${p.given.role}* of *${p.ref}*` : md`assigned you step ${String(p.given.step)} of *${p.ref}*'s checklist, *${p.given.title}*`;
  const where = p.channelId ? md` You are invited to its channel: ${channelMention(p.channelId)}.` : '';
  return message(md`${drillPrefix(p)}${mention(p.by)} ${what}.${where} \`/incident tasks\` lists what is open.`);
}

/** The reporter's direct message about the incident channel: ready after a delay, or given up (with what to do). */
export function reporterMessage(p: NotificationPayloads['reporter_told']): SlackMessage {
  const ref = md`${drillPrefix(p)}*${p.ref}*`;
  if (p.about === 'channel_ready') return message(md`:white_check_mark: ${ref}'s channel is ready: ${channelMention(p.channelId ?? '')}.`);
  return message(
    md`:warning: ${ref} is saved, but its channel could not be created (${p.error ?? 'unknown error'}); this is on its timeline. Work on it with \`/incident\` commands naming ${p.ref}, or ask an admin to check the bot's permissions.`,
  );
}

/** The reporter's direct message with the verdict: the outcome in plain words, the reason when one was given, and thanks. */
export function verdictMessage(p: NotificationPayloads['verdict_told']): SlackMessage {
  const why = p.note ? md`\n>${p.note}` : '';
  const drill = p.drill ? md` This was a drill, so nothing was really at risk.` : '';
  return message(md`${drillPrefix(p)}:envelope_with_arrow: What you reported, *${p.ref}*, ${VERDICT_OUTCOME[p.status]}.${why}\nThank you for reporting it: early reports are how we catch things in time.${drill}`);
}

/** The direct message thanking someone whose mail to the report mailbox was handled: what happens next, and what not to do. */
export function reportThanksMessage(p: NotificationPayloads['report_thanked']): SlackMessage {
  const what = p.subject ? md`the mail “${p.subject.slice(0, 200)}”` : md`the mail`;
  const heard = p.joined ? md`Others reported the same campaign: it is in *${p.ref}*, which the security team is already on.` : md`The security team has it as *${p.ref}*.`;
  return message(md`${drillPrefix(p)}:envelope_with_arrow: Thank you for reporting ${what}. ${heard}\nPlease do not click its links, open its attachments or reply to it. If you already did, tell the security team now: the sooner they know, the more they can do. You will hear the verdict here.`);
}

/** The incident channel's one line when a playbook run is complete (its steps are otherwise updated in place). */
export function completionMessage(p: NotificationPayloads['playbook_completed']): SlackMessage {
  const skipped = p.skipped > 0 ? md`, ${String(p.skipped)} skipped` : '';
  return message(md`${drillPrefix(p)}:white_check_mark: *${p.ref}*: the *${p.title}* playbook is complete (${String(p.done)} done${skipped}; last step by ${mention(p.by)}).`);
}
