// The "Start playbook" button suggested in an incident channel. A second press (or a second person) is told the
// playbook is already running; the core's incident lock makes that hold even for simultaneous presses.
import { message } from '../../blocks/message.js';
import { channelMention, md } from '../../blocks/mrkdwn.js';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Actor } from '../../../core/index.js';
import { AppError } from '../../../shared/errors.js';
import { BUTTON } from '../../ids.js';
import { finishAction, tellVia } from '../../respond.js';
import type { Outcome, SlackDeps } from '../../deps.js';
import { refresher } from './step-buttons.js';
import { drillPrefix } from '../../blocks/drill.js';

/** Registers the button. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(BUTTON.startPlaybook, async ({ ack, body, action, client, respond }) => {
    const actor: Actor = { id: body.user.id, source: 'slack-button', ...(body.channel?.id ? { channelId: body.channel.id } : {}) };
    await finishAction(
      deps,
      ack,
      () => {
        const [ref, playbookId] = (action.value ?? '').split(' ');
        if (!ref || !playbookId) throw new AppError('unknown_playbook', 'That button is not from a Rampart playbook suggestion.');
        return startAndShow(deps, actor, ref, playbookId);
      },
      { client, tell: tellVia(respond) },
      { what: 'start playbook', user: actor.id },
    );
  });
}

/** Starts a playbook and posts its checklist in the incident channel after the ack. */
export async function startAndShow(deps: SlackDeps, actor: Actor, ref: string | undefined, playbookId: string): Promise<Outcome> {
  const { incident, run } = await deps.core.playbooks.start(actor, ref, playbookId);
  const inChannel = actor.channelId !== undefined && actor.channelId === incident.channelId;
  return {
    // In the incident channel the checklist itself is the answer; elsewhere, say where it went.
    ...(inChannel ? {} : { reply: message(md`${drillPrefix(incident)}:clipboard: Started *${run.playbook.title}* on *${incident.ref}* (${run.steps.length} steps)${incident.channelId ? md`; the checklist is in ${channelMention(incident.channelId)}` : ''}.`) }),
    after: refresher(deps, run.id),
  };
}
