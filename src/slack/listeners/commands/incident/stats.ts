// `/incident stats [30d|90d|365d|all]`: the figures, with a chart of incidents per week. The figures are read before
// the ack (a typo or a non-responder gets a clear reply at once). After it, the chart is shared as a file in the
// requester's direct messages by files.completeUploadExternal itself (channel_id and initial_comment), and the
// figures follow. No image block points at the new file: Slack finishes external uploads asynchronously and refuses
// a `slack_file` it has not finished (invalid_blocks, "invalid slack file") for a while after the upload returns.
import type { Actor } from '../../../../core/index.js';
import { weeklyChartPng } from '../../../../core/index.js';
import { statsMessage } from '../../../blocks/stats.js';
import { md } from '../../../blocks/text.js';
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
      let note;
      try {
        const channelId = await directChannel(ctx.client, actor.id);
        await uploadFile(ctx.client, {
          channelId,
          filename: `incidents-per-week-${figures.period.name}.png`,
          title: `Incidents per week by severity (${figures.period.label})`,
          content: weeklyChartPng(figures),
          comment: md`Incidents per week by severity, ${figures.period.label.toLowerCase()}: the chart for your \`/incident stats\`.`,
        });
        note = md`:bar_chart: The weekly chart is in your direct messages with me.`;
      } catch (err) {
        // The figures matter more than the picture: they still go out, saying why the chart is missing.
        deps.logger.warn({ err }, 'stats chart upload failed');
        note = md`:warning: The chart could not be uploaded (${slackErrorOf(err)}).`;
      }
      await ctx.tell(statsMessage(figures, note));
    },
  };
}
