// `/incident followups [INC-n|mine]`: the follow-ups of an incident (the channel's, without a reference), the caller's
// own, or every open one, with Done and Reassign buttons.
import { DateTime } from 'luxon';
import type { Actor } from '../../../../core/index.js';
import { followupListMessage } from '../../../blocks/followups.js';
import type { IncidentRequest } from '../../../parse/command.js';
import type { Outcome, SlackDeps } from '../../../deps.js';

/** Lists follow-ups as the caller may see them. */
export async function followups(deps: SlackDeps, actor: Actor, req: Extract<IncidentRequest, { sub: 'followups' }>): Promise<Outcome> {
  const list = await deps.core.followups.list(actor, req.mine ? { kind: 'mine' } : { kind: 'incident', ...(req.ref ? { ref: req.ref } : {}) });
  return { reply: followupListMessage(list, todayIn(deps)) };
}

/** Today's date (YYYY-MM-DD) in TIMEZONE, by core's clock: what "overdue" is measured against. */
export function todayIn(deps: SlackDeps): string {
  return DateTime.fromJSDate(deps.core.now(), { zone: deps.core.timezone }).toISODate()!;
}
