// "Was this you?" in Slack: the direct message with Yes, No and Not sure (and its reminder), the same message once
// answered, the report to the commander, the reply to a click, and the `/incident asks` list. Pure builders. The
// person asked may be an outsider to a private incident: their messages carry the reference and the question only.
import { ANSWER_WORDS, type AnswerOutcome, type AskAnswer, type Incident, type ListedAsk, type NotificationPayloads } from '../../core/index.js';
import { BUTTON } from '../ids.js';
import { drillPrefix } from './drill.js';
import { withRotateWarning } from './redaction.js';
import { message, type SlackMessage } from './message.js';
import { button, context, md, mention, packLines, quote, section, slackDate, type Mrkdwn } from './text.js';

/** Each answer's button, in the order shown. */
export const ANSWER_BUTTONS: readonly { answer: AskAnswer; actionId: string }[] = [
  { answer: 'yes', actionId: BUTTON.askYes },
  { answer: 'no', actionId: BUTTON.askNo },
  { answer: 'unsure', actionId: BUTTON.askUnsure },
];

type Notice = NotificationPayloads['ask_sent'];

function askBlocks(lead: Mrkdwn, p: Notice) {
  return [
    section(lead),
    section(quote(md`${p.question}`)),
    { type: 'actions' as const, elements: ANSWER_BUTTONS.map((b) => button(ANSWER_WORDS[b.answer], b.actionId, String(p.askId), b.answer === 'yes' ? 'primary' : undefined)) },
    context(md`Your answer goes on the record of *${p.ref}*, with its time. If you are unsure, say so: that helps too.`),
  ];
}

/** The question, by direct message to the person asked. */
export function askMessage(p: Notice): SlackMessage {
  const lead = md`${drillPrefix(p)}:question: ${mention(p.by)} asks you about *${p.ref}*:`;
  return message(md`${drillPrefix(p)}${mention(p.by)} asks you about ${p.ref}: ${p.question}`, askBlocks(lead, p));
}

/** The reminder: the same question and buttons, once. */
export function askReminderMessage(p: Notice): SlackMessage {
  const lead = md`${drillPrefix(p)}:alarm_clock: Still waiting for your answer about *${p.ref}* (asked by ${mention(p.by)}):`;
  return message(md`${drillPrefix(p)}Reminder: ${mention(p.by)} asks you about ${p.ref}: ${p.question}`, askBlocks(lead, p));
}

/** A question's direct message once answered: the question and the answer with its time, no buttons. */
export function answeredMessage(p: NotificationPayloads['ask_answered']): SlackMessage {
  const lead = md`${drillPrefix(p)}:white_check_mark: You answered *${ANSWER_WORDS[p.answer]}* ${slackDate(new Date(p.answeredAt))} to ${mention(p.by)}’s question about *${p.ref}*:`;
  const text = md`${drillPrefix(p)}You answered ${ANSWER_WORDS[p.answer]} about ${p.ref}: ${p.question}`;
  return message(text, [section(lead), section(quote(md`${p.question}`))]);
}

/** The report to the commander (or the incident channel) of a question still unanswered. */
export function askEscalationMessage(p: NotificationPayloads['ask_escalated']): SlackMessage {
  const lead = md`${drillPrefix(p)}:warning: *${p.ref}*: ${mention(p.userId)} has not answered the question ${mention(p.by)} asked ${slackDate(new Date(p.askedAt))}:`;
  const text = md`${drillPrefix(p)}${p.ref}: ${mention(p.userId)} has not answered: ${p.question}`;
  return message(text, [section(lead), section(quote(md`${p.question}`)), context(md`Reminded once already. \`/incident asks ${p.ref}\` lists every question and answer.`)]);
}

/** The reply to a click on an answer button: recorded, already answered, or not the clicker's question. */
export function answerReply(o: AnswerOutcome): SlackMessage {
  if (o.kind === 'not_yours') return message(md`:information_source: This question about *${o.ref}* was put to ${mention(o.userId)}; only they can answer it. Nothing was recorded.`);
  const word = ANSWER_WORDS[o.ask.answer!];
  if (o.kind === 'already') return message(md`:information_source: You already answered *${word}* ${slackDate(o.ask.answeredAt!)}; the first answer stands. To add to it, tell ${mention(o.ask.askedBy)}.`);
  return message(md`:white_check_mark: Thank you: *${word}* is recorded on *${o.ref}*.`);
}

/** The ephemeral reply to `/incident ask`, with the rotate warning when the question held a secret. */
export function askedReply(incident: Incident, userId: string, redacted: readonly string[] = []): SlackMessage {
  const asked = md`${drillPrefix(incident)}:outbox_tray: Asked ${mention(userId)} about *${incident.ref}* by direct message. Their answer goes on the timeline; \`/incident asks ${incident.ref}\` lists the answers.`;
  return message(withRotateWarning(asked, redacted));
}

/** One question as a line of a list: who, the question, and the answer or what is pending. */
export function askLine(a: ListedAsk): Mrkdwn {
  const state = a.answer
    ? md`*${ANSWER_WORDS[a.answer]}* ${slackDate(a.answeredAt!)}`
    : a.escalated
      ? md`_no answer (reported to the commander)_`
      : a.reminded
        ? md`_no answer (reminded)_`
        : md`_no answer yet_`;
  return md`${mention(a.userId)} · ${state} · asked ${slackDate(a.askedAt)} by ${mention(a.askedBy)}\n${quote(md`${a.question}`)}`;
}

/** The `/incident asks` list, newest first. */
export function askListMessage(incident: Incident, asks: readonly ListedAsk[]): SlackMessage {
  const title = md`Questions asked on *${incident.ref}*`;
  if (asks.length === 0) {
    const none = md`${title}: none. \`/incident ask ${incident.ref} @person <question>\` asks someone by direct message.`;
    return message(none, [section(none)]);
  }
  const answered = asks.filter((a) => a.answer).length;
  const lead = md`${title}: ${String(answered)} answered of ${String(asks.length)}`;
  const { sections, shown } = packLines(asks.map(askLine), 40);
  const more = asks.length > shown ? [context(md`${String(asks.length - shown)} older not shown: \`rampart asks ${incident.ref}\` lists them all.`)] : [];
  return message(lead, [section(lead), ...sections.map(section), ...more]);
}
