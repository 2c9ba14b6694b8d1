// `/decoy`: admins plant, list and retire decoys. Every reply is ephemeral, so a token or credential is seen only by
// the admin who registered it; a document decoy goes to their direct messages after the ack.
import { md } from '../../blocks/mrkdwn.js';
import type { App } from '@slack/bolt';
import type { Actor } from '../../../core/index.js';
import { AppError } from '../../../shared/errors.js';
import { parseDecoyCommand, type DecoyCommand } from '../../parse/decoy.js';
import { decoyHelp, decoyList, registeredMessage, retiredMessage } from '../../blocks/decoy.js';
import { DECOY_DOCUMENT_NAME, decoyDocument } from '../../blocks/decoy-document.js';
import { directChannel, uploadFile } from '../../services/upload.js';
import { finish, tellVia } from '../../respond.js';
import type { Outcome, SlackDeps } from '../../deps.js';

export const DECOY_COMMAND = '/decoy';

/** Where decoy links point: PUBLIC_URL (unset means only credential decoys can be planted) and DECOY_PATH. */
export interface DecoyLinks {
  publicUrl: string | undefined;
  path: string;
}

/** Registers the slash command. */
export function register(app: App, deps: SlackDeps, links: DecoyLinks = { publicUrl: undefined, path: '/d' }): void {
  app.command(DECOY_COMMAND, async ({ command, ack, respond, client }) => {
    const actor: Actor = { id: command.user_id, source: 'slack-command', channelId: command.channel_id };
    await finish(
      deps,
      ack,
      async () => {
        // Authorised before anything else, parsing included: a non-admin's refusal must not vary with the text or
        // with the server's settings (PUBLIC_URL), or it would tell them about either.
        if (!isHelp(command.text)) await deps.core.decoys.mayManage(actor);
        return run(deps, links, actor, parseDecoyCommand(command.text));
      },
      { client, tell: tellVia(respond) },
      // Never the full text: a note may say where the bait is.
      { what: `${DECOY_COMMAND} ${command.text.split(/\s+/)[0] ?? ''}`, user: command.user_id },
    );
  });
}

function isHelp(text: string): boolean {
  const head = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return head === '' || head === 'help';
}

async function run(deps: SlackDeps, links: DecoyLinks, actor: Actor, req: DecoyCommand): Promise<Outcome> {
  switch (req.sub) {
    case 'help':
      return { reply: decoyHelp() };
    case 'list':
      return { reply: decoyList(await deps.core.decoys.list(actor)) };
    case 'retire':
      return { reply: retiredMessage(await deps.core.decoys.retire(actor, req.name)) };
    case 'register': {
      // Checked before anything is stored, so a refused register leaves no decoy behind.
      if (req.kind !== 'credential' && !links.publicUrl) {
        throw new AppError(
          'invalid_input',
          `A ${req.kind} decoy needs PUBLIC_URL, the address where this server is reachable from the internet. Ask whoever runs Rampart to set it, or register a credential decoy.`,
        );
      }
      const registered = await deps.core.decoys.register(actor, req);
      const url = links.publicUrl ? `${links.publicUrl}${links.path}/${registered.decoy.token}` : undefined;
      const reply = registeredMessage(registered, url);
      if (registered.decoy.kind !== 'document' || !url) return { reply };
      return {
        reply,
        after: async ({ client }) => {
          const channelId = await directChannel(client, actor.id);
          await uploadFile(client, { channelId, filename: DECOY_DOCUMENT_NAME, title: DECOY_DOCUMENT_NAME, content: decoyDocument(url), comment: md`Decoy \`${registered.decoy.name}\`: plant this file.` });
        },
      };
    }
  }
}
