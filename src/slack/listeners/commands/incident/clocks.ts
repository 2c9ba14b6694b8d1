// `/incident clocks [INC-n] [start|notified|stop …]`: list an incident's notification clocks (or every running one the
// caller may see), start one, record a notice, stop one. Core checks who may (the commander and responders).
import type { Actor } from '../../../../core/index.js';
import { clockListMessage } from '../../../blocks/clocks.js';
import { message } from '../../../blocks/message.js';
import { joinMd, md, slackDate } from '../../../blocks/mrkdwn.js';
import type { ClocksRequest } from '../../../parse/clocks.js';
import type { Outcome, SlackDeps } from '../../../deps.js';

/** The `/incident clocks` subcommand. */
export async function clocks(deps: SlackDeps, actor: Actor, req: ClocksRequest): Promise<Outcome> {
  const core = deps.core;
  switch (req.action) {
    case 'list':
      return { reply: clockListMessage(await core.clocks.list(actor, req.ref), core.now()) };
    case 'start': {
      const { incident, clock, deadlines } = await core.clocks.start(actor, req.ref, req);
      const due = deadlines.map((d) => md`${d.label} by ${slackDate(d.dueAt)}`);
      return { reply: message(md`:stopwatch: *${incident.ref}*: ${clock.regimeName} clock started, aware since ${slackDate(clock.awareAt)}. ${joinMd(due, '; ')}. The commander is reminded before each deadline.`) };
    }
    case 'notified': {
      const { incident, clock, notified } = await core.clocks.notified(actor, req.ref, req);
      const late = notified!.notifiedAt! > notified!.dueAt ? md` (after the deadline: recorded as late)` : md``;
      return { reply: message(md`:white_check_mark: *${incident.ref}*: ${clock.regimeName} · ${notified!.label}: notice to ${notified!.notifiedTo ?? ''} at ${slackDate(notified!.notifiedAt!)} recorded${late}.`) };
    }
    case 'stop': {
      const { incident, clock } = await core.clocks.stop(actor, req.ref, req);
      return { reply: message(md`:octagonal_sign: *${incident.ref}*: ${clock.regimeName} clock stopped; no more reminders.`) };
    }
  }
}
