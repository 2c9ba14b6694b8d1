// `/incident stats [30d|90d|365d|all]`: the figures, with a chart of incidents per week. The figures are read before
// the ack (a typo or a non-responder gets a clear reply at once); the chart is uploaded to the requester's direct
// messages after it (files shown in an image block must be shared with the reader), then the message follows.
import type { Actor } from '../../../../core/context.js';
import { weeklyChartPng } from '../../../../core/metrics/chart.js';
import { statsMessage } from '../../../blocks/stats.js';
import { context } from '../../../blocks/text.js';
import type { IncidentRequest } from '../../../parse/command.js';
import { slackErrorOf } from '../../../services/slack-call.js';
import { directChannel, uploadFile } from '../../../services/upload.js';
import type { Outcome, SlackDeps } from '../../../deps.js';

type Req<S extends IncidentRequest['sub']> = Extract<IncidentRequest, { sub: S }>;

/** Stats for the period asked for. */
export async function stats(deps: SlackDeps, actor: Actor, req: Req<'stats'>): Promise<Outcome> {
  const figures = await deps.core.stats(actor, req.period);
  return {
    after: async (ctx) => {
      try {
        const channelId = await directChannel(ctx.client, actor.id);
        const fileId = await uploadFile(ctx.client, {
          channelId,
          filename: `incidents-per-week-${figures.period.name}.png`,
          title: `Incidents per week by severity (${figures.period.label})`,
          content: weeklyChartPng(figures),
        });
        await ctx.tell(statsMessage(figures, { fileId }));
      } catch (err) {
        // The figures matter more than the picture: they still go out, saying why the chart is missing.
        deps.logger.warn({ err }, 'stats chart upload failed');
        const message = statsMessage(figures);
        await ctx.tell({ ...message, blocks: [...message.blocks, context(`:warning: The chart could not be uploaded (${slackErrorOf(err)}).`)] });
      }
    },
  };
}
