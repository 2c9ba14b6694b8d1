// `/awareness`: anyone may ask for a tip; the rest is for admins (ADMINS, or responders when ADMINS is empty).
import { message } from '../../blocks/message.js';
import { channelMention, joinMd, md } from '../../blocks/mrkdwn.js';
import type { App } from '@slack/bolt';
import type { Actor } from '../../../core/index.js';
import { promoteModal } from '../../blocks/promote-modal.js';
import { awarenessHelp, statsMessage, statusMessage, tipPreview } from '../../blocks/awareness-admin.js';
import { ADMIN_SUBCOMMANDS, parseAwarenessCommand, type AwarenessRequest } from '../../parse/awareness.js';
import { finish, tellVia } from '../../respond.js';
import type { Outcome, SlackDeps } from '../../deps.js';

export const AWARENESS_COMMAND = '/awareness';

/** Registers the slash command. */
export function register(app: App, deps: SlackDeps): void {
  app.command(AWARENESS_COMMAND, async ({ command, ack, respond, client }) => {
    await finish(
      deps,
      ack,
      async () => {
        // Authorised before the text is parsed, so a non-admin learns nothing from how their text would have failed.
        const head = command.text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
        const actor: Actor = { id: command.user_id, source: 'slack-command' };
        if (ADMIN_SUBCOMMANDS.includes(head)) await deps.core.awareness.mayManage(actor);
        const req = parseAwarenessCommand(command.text);
        return run(deps, actor, req, command.trigger_id);
      },
      { client, tell: tellVia(respond) },
      { what: `${AWARENESS_COMMAND} ${command.text.split(/\s+/)[0] ?? ''}`, user: command.user_id },
    );
  });
}

async function run(deps: SlackDeps, actor: Actor, req: AwarenessRequest, triggerId: string): Promise<Outcome> {
  const a = deps.core.awareness;
  switch (req.sub) {
    case 'help':
      return { reply: awarenessHelp() };
    case 'tip': {
      const tips = a.tips();
      const tip = tips[Math.floor(Math.random() * tips.length)];
      return { reply: tip ? tipPreview(tip, 'A security tip, just for you') : message(md`No tips are loaded.`) };
    }
    case 'status':
      return { reply: statusMessage(await a.status(actor)) };
    case 'preview': {
      const next = await a.preview(actor);
      return { reply: next ? tipPreview(next.tip, `Next tip (${next.reason === 'queued' ? 'queued' : next.reason === 'recent-incident' ? 'about a recent incident type' : 'rotation'})`) : message(md`No tips are loaded.`) };
    }
    case 'send-now': {
      // Posting waits on Slack (and its retries), so it runs after the ack.
      return {
        reply: message(md`:hourglass_flowing_sand: Posting the next tip now…`),
        after: async ({ tell }) => {
          const outcome = await a.sendNow(actor);
          if (outcome.kind === 'posted') await tell(message(md`:white_check_mark: Posted \`${outcome.tipId}\` to ${joinMd(outcome.channels.map(channelMention), ', ')}.`));
          else await tell(message(md`:warning: Nothing was posted (${outcome.kind}${outcome.kind === 'failed' ? `: ${outcome.error}` : ''}); the sweep will retry a failed post.`));
        },
      };
    }
    case 'skip': {
      const slot = await a.skipNext(actor);
      return { reply: message(md`:fast_forward: The slot of ${slot.toISOString()} will be skipped.`) };
    }
    case 'pause':
      await a.pause(actor);
      return { reply: message(md`:double_vertical_bar: The awareness programme is paused; slots are recorded as skipped until \`/awareness resume\`.`) };
    case 'resume':
      await a.resume(actor);
      return { reply: message(md`:arrow_forward: The awareness programme is running again from the next slot.`) };
    case 'queue':
      await a.queue(actor, req.tipId);
      return { reply: message(md`:inbox_tray: \`${req.tipId}\` goes out next (after any tips queued before it).`) };
    case 'stats':
      return { reply: statsMessage(await a.stats(actor, 12), 12) };
    case 'promote': {
      const { incident, lessons } = await deps.core.lessons.of(actor, req.ref);
      return { after: async ({ client }) => void (await client.views.open({ trigger_id: triggerId, view: promoteModal(incident.ref, lessons) })) };
    }
  }
}
