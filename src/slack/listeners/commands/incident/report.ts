// `/incident timeline|report`: an incident's story, as a message or as a file. Access is checked before the ack;
// reading the events and uploading happen after it, so a long timeline never delays Slack's 3-second ack.
import { plural, FORMAT_INFO, renderReport, reportFileName, shortTimeline } from '../../../../core/index.js';
import { randomUUID } from 'node:crypto';
import { message } from '../../../blocks/message.js';
import { channelMention, md, mention } from '../../../blocks/mrkdwn.js';
import type { Actor, Incident } from '../../../../core/index.js';
import { AppError } from '../../../../shared/errors.js';
import { TIMELINE_LIMIT, timelineMessage } from '../../../blocks/timeline.js';
import { drillPrefix } from '../../../blocks/drill.js';
import type { IncidentRequest } from '../../../parse/command.js';
import { attempt } from '../../../services/slack-call.js';
import { bytesOf, directChannel, uploadFile } from '../../../services/upload.js';
import type { AfterAck, Outcome, SlackDeps } from '../../../deps.js';
import { postOnce } from '../../../outbox/post.js';

type Req<S extends IncidentRequest['sub']> = Extract<IncidentRequest, { sub: S }>;

/** The timeline: to the caller, or posted in the incident channel with `share`. */
export async function timeline(deps: SlackDeps, actor: Actor, req: Req<'timeline'>): Promise<Outcome> {
  // The chat timeline shows no verification: no need to read the whole chain before the ack. Shown to the caller it
  // holds what they may receive (everything for the incident's people); shared, what the channel's audience may.
  const { incident, source } = await deps.core.tlp.report(actor, req.ref, { verify: false, audience: req.share ? 'incident-channel' : 'requester' });
  if (req.share && !incident.channelId) {
    throw new AppError('invalid_input', `${incident.ref} has no channel to share its timeline in; \`/incident timeline ${incident.ref}\` shows it to you.`);
  }
  return {
    after: async (ctx) => {
      const timelineReply = timelineMessage(source.header, await shortTimeline(source.events(), TIMELINE_LIMIT));
      if (!req.share) return ctx.tell(timelineReply);
      // Through the outbox: a post whose answer is lost is found by its key, never made twice.
      const posted = await postOnce(deps.core, {
        key: `incident:${incident.id}:timeline-shared:${randomUUID()}`,
        channel: incident.channelId!,
        incidentId: incident.id,
        action: 'posting the timeline in the incident channel',
        message: timelineReply,
      });
      if (!posted.ok) await ctx.tell(message(md`:warning: ${posted.error}.`));
      else if (actor.channelId !== incident.channelId) await ctx.tell(message(md`${drillPrefix(incident)}:white_check_mark: Timeline of *${incident.ref}* posted in ${channelMention(incident.channelId!)}.`));
    },
  };
}

/** A report file, uploaded to the incident's channel, or to the requester when the incident has none. */
export async function report(deps: SlackDeps, actor: Actor, req: Req<'report'>): Promise<Outcome> {
  // The chain check reads every event: it runs after the ack, with the rendering. The file goes to the incident
  // channel (or to the caller alone), so it holds what that audience may receive.
  const { incident, source: unverified } = await deps.core.tlp.report(actor, req.ref, { verify: false, audience: 'incident-channel' });
  const info = FORMAT_INFO[req.format];
  return {
    reply: message(md`:hourglass_flowing_sand: Writing the ${info.label} report of *${incident.ref}* (${plural(unverified.header.eventCount, 'event')})…`),
    after: async (ctx) => {
      const { verification } = await deps.core.verify(actor, incident.ref);
      const source = { ...unverified, header: { ...unverified.header, verification } };
      const content = await bytesOf(renderReport(req.format, source));
      const filename = reportFileName(incident.ref, req.format);
      const uploaded = await attempt(deps, incident.id, `uploading the ${info.label} report`, async () => {
        const channelId = await destination(ctx, incident, actor);
        await uploadFile(ctx.client, { channelId, filename, title: `${incident.ref} report (${info.label})`, content, comment: md`${info.label} report of *${incident.ref}*, requested by ${mention(actor.id)}.` });
        return channelId;
      });
      if (!uploaded.ok) return ctx.tell(message(md`:warning: ${uploaded.error}. \`rampart report ${incident.ref}\` writes it from the command line.`));
      const where = uploaded.value === incident.channelId ? channelMention(uploaded.value) : 'your direct messages with me';
      await ctx.tell(message(md`:page_facing_up: ${filename} (${content.length.toLocaleString('en')} bytes) is in ${where}.`));
    },
  };
}

/**
 * Where a report may go: the incident's own channel, whose members may see it. Without one it goes to the person
 * who asked (who passed the access check), never to the channel they asked from, which may hold anyone.
 */
async function destination(ctx: AfterAck, incident: Incident, actor: Actor): Promise<string> {
  return incident.channelId ?? directChannel(ctx.client, actor.id);
}
