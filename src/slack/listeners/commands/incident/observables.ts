// `/incident ioc …`: record, list, mark and export an incident's observables, or open the Add observable form. Access
// and validation are core's; the export is rendered before the ack is answered and uploaded after it, like a report.
import type { Actor } from '../../../../core/index.js';
import { plural } from '../../../../core/index.js';
import { addObservableModal, observableChangeMessage, observableListMessage } from '../../../blocks/observables.js';
import { message } from '../../../blocks/message.js';
import { channelMention, md, mention } from '../../../blocks/mrkdwn.js';
import type { IocRequest } from '../../../parse/observables.js';
import { attempt } from '../../../services/slack-call.js';
import { directChannel, uploadFile } from '../../../services/upload.js';
import type { Outcome, SlackDeps } from '../../../deps.js';

/** Runs one `/incident ioc` request. */
export async function ioc(deps: SlackDeps, actor: Actor, req: IocRequest, triggerId: string): Promise<Outcome> {
  switch (req.action) {
    case 'modal': {
      // Resolved and checked now, so a person who may not record observables gets the refusal, not a form.
      const { incident } = await deps.core.observables.list(actor, req.ref);
      const view = addObservableModal({ ref: incident.ref, ...(actor.channelId ? { channel: actor.channelId } : {}) });
      return { after: async ({ client }) => void (await client.views.open({ trigger_id: triggerId, view })) };
    }
    case 'add': {
      const change = await deps.core.observables.add(actor, { ...ref(req), value: req.value, ...(req.type ? { type: req.type } : {}) });
      return { reply: observableChangeMessage(change, 'add', await alsoIn(deps, actor, change.incident.ref, change.observable.id)) };
    }
    case 'mark': {
      const change = await deps.core.observables.mark(actor, { ...ref(req), value: req.value, verdict: req.verdict });
      return { reply: observableChangeMessage(change, 'mark') };
    }
    case 'list':
      return { reply: observableListMessage(await deps.core.observables.list(actor, req.ref)) };
    case 'export':
      return exportFile(deps, actor, req);
  }
}

/** The other incidents the actor may see that hold this observable. */
export async function alsoIn(deps: SlackDeps, actor: Actor, ref: string, id: number): Promise<string[]> {
  return (await deps.core.observables.list(actor, ref)).observables.find((o) => o.id === id)?.alsoIn ?? [];
}

async function exportFile(deps: SlackDeps, actor: Actor, req: Extract<IocRequest, { action: 'export' }>): Promise<Outcome> {
  const file = await deps.core.observables.export(actor, { ...ref(req), format: req.format });
  const { incident } = file;
  return {
    reply: message(md`:hourglass_flowing_sand: Uploading ${plural(file.count, 'observable')} of *${incident.ref}* as ${req.format.toUpperCase()} (TLP:${file.marking})…`),
    after: async (ctx) => {
      const content = Buffer.from(file.content, 'utf8');
      const uploaded = await attempt(deps, incident.id, `uploading the ${req.format} observables export`, async () => {
        // Like a report: to the incident's own channel, whose members may see it, or else to the person who asked.
        const channelId = incident.channelId ?? (await directChannel(ctx.client, actor.id));
        const comment = md`Observables of *${incident.ref}* (${req.format.toUpperCase()}, TLP:${file.marking}), requested by ${mention(actor.id)}.`;
        await uploadFile(ctx.client, { channelId, filename: file.filename, title: `${incident.ref} observables (${req.format})`, content, comment });
        return channelId;
      });
      if (!uploaded.ok) return ctx.tell(message(md`:warning: ${uploaded.error}. \`rampart ioc export ${incident.ref} --format ${req.format}\` writes it from the command line.`));
      const where = uploaded.value === incident.channelId ? channelMention(uploaded.value) : md`your direct messages with me`;
      await ctx.tell(message(md`:page_facing_up: ${file.filename} is in ${where}.`));
    },
  };
}

function ref(req: { ref?: string }): { ref?: string } {
  return req.ref ? { ref: req.ref } : {};
}
