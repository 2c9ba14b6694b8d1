// The out-of-band plan's direct message. Rendered by the outbox worker at delivery, from OOB_PLAN_FILE as it is then:
// the plan is never stored, in the outbox or anywhere else.
import { planLines, withoutPhrase, type OobPlan } from '../../core/index.js';
import { BLOCK, BUTTON } from '../ids.js';
import type { NotificationPayloads } from '../../core/index.js';
import { drillPrefix } from './drill.js';
import { message, type SlackMessage } from './message.js';
import { button, channelMention, context, md, packLines, plain, section, slackDate, who } from './text.js';

/** What the message says besides the plan: which incident, who asked, and why (the reason as stored: redacted). */
export type PlanMessageFor = Pick<NotificationPayloads['oob_plan_sent'], 'ref' | 'drill' | 'by' | 'reason'>;

/**
 * The direct message carrying the plan. Its notification text leaves the plan out, so a verification phrase never
 * shows on a locked phone screen; the plan is in the message body.
 */
export function planMessage(p: PlanMessageFor, plan: OobPlan): SlackMessage {
  const lead = md`${drillPrefix(p)}:satellite_antenna: *${p.ref}*: the team is moving out of band (asked by ${who(p.by)}).`;
  const { sections } = packLines(planLines(plan).map(plain));
  return message(md`${drillPrefix(p)}${p.ref}: the team is moving out of band. Open this message for the plan.`, [
    section(p.reason ? md`${lead}\n*Why:* ${p.reason}` : lead),
    ...sections.map(section),
    context(md`From now on, assume Slack is being read. Do not discuss the incident or the plan here: switch to the backup channel.`),
  ]);
}

/**
 * A comms-compromise incident's direct message: only "switch to the plan you acknowledged", dated, or, to someone who
 * never acknowledged it, "call the commander by phone". No plan and no phrase: Slack may be what is compromised.
 */
export function switchMessage(p: NotificationPayloads['oob_switch_told']): SlackMessage {
  const lead = md`${drillPrefix(p)}:satellite_antenna: *${p.ref}*: switch to the out-of-band plan now (asked by ${who(p.by)}).`;
  const what = p.acknowledged
    ? md`Switch to the plan you acknowledged on ${slackDate(new Date(p.acknowledged.at))} (version \`${p.acknowledged.version}\`): its backup channels, phone tree and verification phrase, from your printed contact sheet or your memory. They are not repeated here.`
    : md`You have not acknowledged the out-of-band plan, so this message cannot tell you where to go. Call the incident commander${p.commander ? md` (${who(p.commander)})` : md``} by phone, using a number you already have (the printed contact sheet, the phone tree), and prove who you are by voice.`;
  return message(md`${drillPrefix(p)}${p.ref}: switch to the out-of-band plan now.`, [
    section(p.reason ? md`${lead}\n*Why:* ${p.reason}` : lead),
    section(what),
    context(md`Assume Slack is being read. Do not reply here or ask for the plan in Slack.`),
  ]);
}

/** The plan as the awareness programme posts it: everything but the verification phrase, with an Acknowledge button. */
export function planPostMessage(plan: OobPlan, version: string): SlackMessage {
  const lead = md`:satellite_antenna: *Our out-of-band plan* (version \`${version}\`): where the incident team goes if Slack or mail is compromised. Read it now, before it is needed.`;
  const { sections } = packLines(planLines(withoutPhrase(plan)).map(plain), 40);
  return message(md`Our out-of-band plan (version ${version}): read it and acknowledge.`, [
    section(lead),
    ...sections.map(section),
    context(md`The verification phrase is given by voice, never posted. \`rampart oob sheet\` prints this plan for your desk.`),
    { type: 'actions', block_id: BLOCK.oobPlanAck, elements: [button('Acknowledge', BUTTON.oobAcknowledge, version, 'primary')] },
  ]);
}

/** The reminder to someone who has not acknowledged the posted version. */
export function planReminderMessage(p: NotificationPayloads['oob_plan_reminded']): SlackMessage {
  const lead = md`:satellite_antenna: You have not acknowledged our out-of-band plan (version \`${p.version}\`), posted in ${channelMention(p.channel)}. Please read it and press *Acknowledge* there: if Slack is ever compromised, it is the plan you will be told to switch to.`;
  return message(lead, [section(lead)]);
}
