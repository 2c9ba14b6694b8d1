// The messages that keep an incident moving: the update reminder (Post update, Snooze, Stop), the missing-commander
// nudge (Take command), the weekly stale list, the role brief a new role holder gets, and the Post update note modal.
import type { Incident, NotificationPayloads } from '../../core/index.js';
import { MAX_NOTE } from '../../core/index.js';
import { ACTION, BLOCK, BUTTON, CALLBACK } from '../ids.js';
import { drillPrefix } from './drill.js';
import { message, type SlackMessage } from './message.js';
import { button, channelLink, channelMention, clip, context, joinMd, md, mention, packLines, section, sevLabel, slackDate, who, type Mrkdwn } from './text.js';

/** The update reminder: to the commander by direct message, or in the incident channel when there is none. */
export function updateReminderMessage(p: NotificationPayloads['update_reminder']): SlackMessage {
  const to = p.userId ? md`` : md`This incident has no commander, so the reminder is here. `;
  const text = md`${drillPrefix(p)}:alarm_clock: *${p.ref}* (${sevLabel(p.severity)}, ${p.status}) has had no update since ${slackDate(new Date(p.since))}. ${to}Post an update: a status change or a note.`;
  return message(text, [
    section(text),
    {
      type: 'actions' as const,
      block_id: 'update_reminder',
      elements: [
        button('Post update', BUTTON.postUpdate, p.ref, 'primary'),
        button('Snooze 30 min', BUTTON.snooze30m, p.ref),
        button('Snooze 2 h', BUTTON.snooze2h, p.ref),
        button('Until tomorrow', BUTTON.snoozeTomorrow, p.ref),
        button('Stop', BUTTON.stopReminders, p.ref, 'danger'),
      ],
    },
  ]);
}

/**
 * The nudge when nobody has taken command. Only the reference, severity and status: in INCIDENT_CHANNEL a private
 * incident shows no more than that, and a public one's details are a click away.
 */
export function commanderNudgeMessage(p: NotificationPayloads['commander_nudge']): SlackMessage {
  const text = md`${drillPrefix(p)}:raising_hand: *${p.ref}* (${sevLabel(p.severity)}, ${p.status}) has no commander yet. Someone needs to lead it: press *Take command*, or \`/incident assign ${p.ref} commander @someone\`.`;
  return message(text, [section(text), { type: 'actions' as const, block_id: 'commander_nudge', elements: [button('Take command', BUTTON.takeCommand, p.ref, 'primary')] }]);
}

/** The weekly list of a commander's incidents that have been quiet for a week. */
export function staleListMessage(p: NotificationPayloads['stale_list']): SlackMessage {
  const lines = p.incidents.map((i) => md`• ${drillPrefix(i)}*${i.ref}* ${i.title} (${sevLabel(i.severity)}, ${i.status}): last activity ${slackDate(new Date(i.lastActivity))}`);
  const intro = md`:hourglass: ${String(p.incidents.length)} of your incidents ${p.incidents.length === 1 ? 'has' : 'have'} had no activity for a week. Post an update, or resolve or decline what is done:`;
  const { sections, shown } = packLines(lines, 40);
  const more = p.incidents.length - shown;
  return message(intro, [
    section(intro),
    ...sections.map(section),
    ...(more > 0 ? [context(md`…and ${String(more)} more: \`/incident list\` shows them all.`)] : []),
  ]);
}

const ROLE_DUTIES: Record<'commander' | 'comms' | 'scribe', Mrkdwn> = {
  commander: md`As *commander* you lead the response: decide what happens next, keep the status and severity current, give out roles and checklist steps, and post an update (a status change or a note) often enough that nobody has to ask. You will be reminded when an update is due.`,
  comms: md`As *comms* you keep everyone outside the response informed: leadership, affected teams and, when needed, staff or customers. Agree the wording with the commander before anything goes out, and note on the timeline what was said to whom.`,
  scribe: md`As *scribe* you keep the record: add decisions and findings as notes (\`/incident note\`) and pin key messages with :pushpin:, so the timeline and the review tell what happened and when.`,
};

/** The direct message to someone who took or was given a role: what the role does, and where the incident stands now. */
export function roleBriefMessage(p: NotificationPayloads['assignee_told'] & { given: { kind: 'role' } }, incident: Incident): SlackMessage {
  const role = p.given.role;
  // Given by someone else, it opens as any assignment's message does: who gave it, the channel they were invited to.
  const where = p.channelId ? md` You are invited to its channel: ${channelMention(p.channelId)}.` : md``;
  const intro =
    p.by === p.userId
      ? md`${drillPrefix(incident)}You took *${role}* of *${incident.ref}*.`
      : md`${drillPrefix(incident)}${mention(p.by)} made you *${role}* of *${incident.ref}*.${where} \`/incident tasks\` lists what is open.`;
  const state = joinMd(
    [
      md`*${incident.ref}* ${incident.title}`,
      md`${sevLabel(incident.severity)} · ${incident.status} · declared ${slackDate(incident.declaredAt)}`,
      md`Commander: ${who(incident.commanderId)} · Comms: ${who(incident.commsId)} · Scribe: ${who(incident.scribeId)}`,
      md`Channel: ${channelLink(incident)} · \`/incident tasks ${incident.ref}\` lists what is open`,
    ],
    '\n',
  );
  return message(intro, [section(intro), section(ROLE_DUTIES[role]), section(state)]);
}

/** The note modal the Post update button opens; private_metadata is the incident's reference. */
export function updateNoteModal(ref: string) {
  return {
    type: 'modal' as const,
    callback_id: CALLBACK.updateNote,
    title: { type: 'plain_text' as const, text: clip(`Update ${ref}`, 24), emoji: true },
    submit: { type: 'plain_text' as const, text: 'Post update', emoji: true },
    close: { type: 'plain_text' as const, text: 'Cancel', emoji: true },
    private_metadata: ref,
    blocks: [
      {
        type: 'input' as const,
        block_id: BLOCK.note,
        label: { type: 'plain_text' as const, text: 'Where things stand', emoji: true },
        hint: { type: 'plain_text' as const, text: 'Added to the timeline as a note. To change the status, use /incident status.', emoji: true },
        element: { type: 'plain_text_input' as const, action_id: ACTION.note, multiline: true, max_length: MAX_NOTE },
      },
    ],
  };
}
