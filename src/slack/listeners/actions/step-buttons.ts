// The buttons on a checklist step. Done, Reopen change the step at once; Skip, Assign and a Done that needs a note
// open a modal; Details shows the full text. A button from an older copy of the checklist acts on the current state
// and says so; the messages are then refreshed from the database.
import { message } from '../../blocks/message.js';
import { md, withMentions, type Mrkdwn } from '../../blocks/mrkdwn.js';
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../../core/index.js';
import { AppError } from '../../../shared/errors.js';
import { whyNot, type StepResult } from '../../../core/index.js';
import { parseStepValue } from '../../blocks/checklist.js';
import { assignModal, detailsModal, doneModal, skipModal, type StepModalMetadata } from '../../blocks/step-modals.js';
import { BUTTON } from '../../ids.js';
import { finishAction, tellVia } from '../../respond.js';
import { refreshChecklist } from '../../services/checklist-messages.js';
import type { Outcome, Reply, SlackDeps } from '../../deps.js';

type Args = { ack: () => Promise<void>; body: BlockAction; action: ButtonAction; client: WebClient; respond: RespondFn };
type Handler = (deps: SlackDeps, actor: Actor, target: StepModalMetadata, triggerId: string) => Promise<Outcome>;

/** Registers the step buttons. */
export function register(app: App, deps: SlackDeps): void {
  const on = (actionId: string, handler: Handler) =>
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => handle(deps, { ack, body, action, client, respond }, handler));
  on(BUTTON.done, done);
  on(BUTTON.skip, (d, actor, target, trigger) => viaModal(d, actor, target, trigger, 'skip'));
  on(BUTTON.assign, (d, actor, target, trigger) => viaModal(d, actor, target, trigger, 'assign'));
  on(BUTTON.details, details);
  on(BUTTON.reopen, (d, actor, target) => change(d, actor, target, { kind: 'reopen' }));
}

async function handle(deps: SlackDeps, { ack, body, action, client, respond }: Args, handler: Handler): Promise<void> {
  const actor: Actor = { id: body.user.id, source: 'slack-button', ...(body.channel?.id ? { channelId: body.channel.id } : {}) };
  await finishAction(
    deps,
    ack,
    () => {
      const target = parseStepValue(action.value ?? '');
      if (!target) throw new AppError('unknown_step', 'That button is not from a Rampart checklist.');
      return handler(deps, actor, { ...target, ...(actor.channelId ? { channel: actor.channelId } : {}) }, body.trigger_id);
    },
    { client, tell: tellVia(respond) },
    { what: action.action_id, user: actor.id },
  );
}

async function done(deps: SlackDeps, actor: Actor, target: StepModalMetadata, triggerId: string): Promise<Outcome> {
  const { step } = await deps.core.playbooks.step(actor, target);
  if (step.state === 'open' && step.step.requires) {
    return { after: async ({ client }) => void (await client.views.open({ trigger_id: triggerId, view: doneModal(step, target) })) };
  }
  return change(deps, actor, target, { kind: 'done' });
}

async function viaModal(deps: SlackDeps, actor: Actor, target: StepModalMetadata, triggerId: string, kind: 'skip' | 'assign'): Promise<Outcome> {
  const { step } = await deps.core.playbooks.step(actor, target);
  const refusal = whyNot(step, kind === 'skip' ? { kind, reason: '' } : { kind, userId: '' });
  if (refusal) return { reply: stale(withMentions(refusal, [step.changedBy, step.assignee]), target.seenVersion !== step.version), after: refresher(deps, target.runId) };
  const view = kind === 'skip' ? skipModal(step, target) : assignModal(step, target);
  return { after: async ({ client }) => void (await client.views.open({ trigger_id: triggerId, view })) };
}

async function details(deps: SlackDeps, actor: Actor, target: StepModalMetadata, triggerId: string): Promise<Outcome> {
  const { incident, run, step } = await deps.core.playbooks.step(actor, target);
  return { after: async ({ client }) => void (await client.views.open({ trigger_id: triggerId, view: detailsModal(incident, run, step, target) })) };
}

async function change(deps: SlackDeps, actor: Actor, target: StepModalMetadata, action: Parameters<SlackDeps['core']['playbooks']['changeStep']>[2]): Promise<Outcome> {
  const result = await deps.core.playbooks.changeStep(actor, target, action);
  return { ...replyFor(result), after: refresher(deps, target.runId) };
}

/** What the person who acted hears: nothing when the step simply changed (the checklist shows it), else why not. */
export function replyFor(result: Pick<StepResult, 'changed' | 'stale' | 'message' | 'step'>): { reply?: Reply } {
  if (result.changed && !result.stale) return {};
  // Core names the person who changed the step or holds it; only those mentions stay markup.
  return { reply: stale(withMentions(result.message, [result.step.changedBy, result.step.assignee]), result.stale) };
}

function stale(text: Mrkdwn, isStale: boolean): Reply {
  const lead = isStale ? ':information_source: That checklist message was out of date; I used the current state. ' : ':information_source: ';
  return message(md`${lead}${text}`);
}

/** Follow-up that brings the run's messages up to date, telling the user what Slack refused. */
export function refresher(deps: SlackDeps, runId: number): Outcome['after'] {
  return async ({ client, tell }) => {
    const problems = await refreshChecklist(deps, client, runId);
    if (problems.length > 0) await tell(message(md`:warning: The step is saved, but ${problems.join('; ')}.`));
  };
}
