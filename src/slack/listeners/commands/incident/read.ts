// `/incident list|show|note|correct|help`: answers that concern only the caller, so they are ephemeral.
import { message } from '../../../blocks/message.js';
import { md } from '../../../blocks/mrkdwn.js';
import { describeRule, formatDuration, type Actor } from '../../../../core/index.js';
import { helpMessage } from '../../../blocks/help.js';
import { incidentDetails, incidentList } from '../../../blocks/incident.js';
import type { IncidentRequest } from '../../../parse/command.js';
import type { Outcome, SlackDeps } from '../../../deps.js';
import { redactedOf, withRotateWarning } from '../../../blocks/redaction.js';
import { offerBlocks } from '../../../blocks/observables.js';
import { section } from '../../../blocks/text.js';

type Req<S extends IncidentRequest['sub']> = Extract<IncidentRequest, { sub: S }>;

/** Help. */
export function help(deps: SlackDeps): Outcome {
  const { rules, archive } = deps.core;
  return {
    reply: helpMessage(deps.core.incidentTypes, {
      ...(rules ? { rules: rules.rules.map(describeRule) } : {}),
      ...(archive.afterMs !== undefined ? { archiveAfter: formatDuration(archive.afterMs) } : {}),
    }),
  };
}

/** List. */
export async function list(deps: SlackDeps, actor: Actor, req: Req<'list'>): Promise<Outcome> {
  return { reply: incidentList(await deps.core.list(actor, req.scope), req.scope) };
}

/** Show. */
export async function show(deps: SlackDeps, actor: Actor, req: Req<'show'>): Promise<Outcome> {
  return { reply: incidentDetails(await deps.core.show(actor, req.ref)) };
}

/** Note (back-datable), or a lesson learnt. */
export async function note(deps: SlackDeps, actor: Actor, req: Req<'note' | 'lesson'>): Promise<Outcome> {
  const lesson = req.sub === 'lesson';
  const { incident, event } = await (lesson ? deps.core.addLesson(actor, req.ref, req.text) : deps.core.addNote(actor, req.ref, req.text));
  const backdated = event.occurredAt.getTime() !== event.recordedAt.getTime() ? ` (happened at ${event.occurredAt.toISOString()})` : '';
  const what = lesson ? ':bulb: Lesson added' : ':memo: Added';
  const next = lesson ? md` Awareness admins can turn it into a staff tip with \`/awareness promote ${incident.ref}\`.` : '';
  const text = withRotateWarning(md`${what} to the *${incident.ref}* timeline as event #${event.seq}${backdated}.${next}`, redactedOf(event));
  // The stored text is the redacted one: a secret in the note is never offered as an observable.
  const offer = offerBlocks(incident.ref, deps.core.observables.scan(String(event.payload.text ?? '')));
  return { reply: offer.length > 0 ? message(text, [section(text), ...offer]) : message(text) };
}

/** Correction of an earlier event. */
export async function correct(deps: SlackDeps, actor: Actor, req: Req<'correct'>): Promise<Outcome> {
  const { incident, event } = await deps.core.addCorrection(actor, req.ref, req.seq, req.text);
  const text = md`:memo: Correction to event #${req.seq} added to the *${incident.ref}* timeline as event #${event.seq}.`;
  return { reply: message(withRotateWarning(text, redactedOf(event))) };
}
