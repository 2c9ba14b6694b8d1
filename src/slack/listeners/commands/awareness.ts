// `/awareness`: anyone may ask for a tip; the rest is for admins (ADMINS, or responders when ADMINS is empty).
import { message } from '../../blocks/message.js';
import { channelMention, joinMd, md } from '../../blocks/mrkdwn.js';
import type { App } from '@slack/bolt';
import { authorize } from '../../../core/access/authorize.js';
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
        if (ADMIN_SUBCOMMANDS.includes(head)) await requireAdmin(deps, command.user_id);
        const req = parseAwarenessCommand(command.text);
        return run(deps, command.user_id, req, command.trigger_id);
      },
      { client, tell: tellVia(respond) },
      { what: `${AWARENESS_COMMAND} ${command.text.split(/\s+/)[0] ?? ''}`, user: command.user_id },
    );
  });
}

/** Throws not_authorized unless the user may run the admin commands (the rule is core's: awareness.manage). */
export async function requireAdmin(deps: SlackDeps, userId: string): Promise<void> {
  await authorize(deps.core.deps, { id: userId, source: 'slack-command' }, 'awareness.manage');
}

async function run(deps: SlackDeps, userId: string, req: AwarenessRequest, triggerId: string): Promise<Outcome> {
  const a = deps.awareness;
  switch (req.sub) {
    case 'help':
      return { reply: awarenessHelp() };
    case 'tip': {
      const tips = a.deps.tips.all();
      const tip = tips[Math.floor(Math.random() * tips.length)];
      return { reply: tip ? tipPreview(tip, 'A security tip, just for you') : message(md`No tips are loaded.`) };
    }
    case 'status':
      return { reply: statusMessage(await a.status()) };
    case 'preview': {
      const next = await a.preview();
      return { reply: next ? tipPreview(next.tip, `Next tip (${next.reason === 'queued' ? 'queued' : next.reason === 'recent-incident' ? 'about a recent incident type' : 'rotation'})`) : message(md`No tips are loaded.`) };
    }
    case 'send-now': {
      // Posting waits on Slack (and its retries), so it runs after the ack.
      return {
        reply: message(md`:hourglass_flowing_sand: Posting the next tip now…`),
        after: async ({ tell }) => {
          const outcome = await a.sendNow(userId);
          if (outcome.kind === 'posted') await tell(message(md`:white_check_mark: Posted \`${outcome.tipId}\` to ${joinMd(outcome.channels.map(channelMention), ', ')}.`));
          else await tell(message(md`:warning: Nothing was posted (${outcome.kind}${outcome.kind === 'failed' ? `: ${outcome.error}` : ''}); the sweep will retry a failed post.`));
        },
      };
    }
    case 'skip': {
      const slot = await a.skipNext(userId);
      return { reply: message(md`:fast_forward: The slot of ${slot.toISOString()} will be skipped.`) };
    }
    case 'pause':
      await a.pause(userId);
      return { reply: message(md`:double_vertical_bar: The awareness programme is paused; slots are recorded as skipped until \`/awareness resume\`.`) };
    case 'resume':
      await a.resume(userId);
      return { reply: message(md`:arrow_forward: The awareness programme is running again from the next slot.`) };
    case 'queue':
      await a.queue(req.tipId, userId);
      return { reply: message(md`:inbox_tray: \`${req.tipId}\` goes out next (after any tips queued before it).`) };
    case 'stats':
      return { reply: statsMessage(await a.stats(12), 12) };
    case 'promote': {
      const { incident, lessons } = await deps.core.lessons.of({ id: userId, source: 'slack-command' }, req.ref);
      return { after: async ({ client }) => void (await client.views.open({ trigger_id: triggerId, view: promoteModal(incident.ref, lessons) })) };
    }
  }
}
