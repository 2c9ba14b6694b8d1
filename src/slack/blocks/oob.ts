// The out-of-band plan's direct message. Rendered by the outbox worker at delivery, from OOB_PLAN_FILE as it is then:
// the plan is never stored, in the outbox or anywhere else.
import { planLines, type OobPlan } from '../../core/index.js';
import type { NotificationPayloads } from '../../core/index.js';
import { drillPrefix } from './drill.js';
import { message, type SlackMessage } from './message.js';
import { context, md, packLines, plain, section, who } from './text.js';

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
