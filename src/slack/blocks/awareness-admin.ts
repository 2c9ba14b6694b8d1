// Answers to `/awareness`: status, preview, stats and help. All ephemeral, for the admin who asked.
import type { Awareness } from '../../core/awareness/awareness.js';
import { section, context, escapeText, slackDate } from './text.js';
import { awarenessMessage } from './awareness.js';
import type { Tip } from '../../core/awareness/tip.js';

type Status = Awaited<ReturnType<Awareness['status']>>;
type Stats = Awaited<ReturnType<Awareness['stats']>>;

/** `/awareness help`. */
export function awarenessHelp() {
  const text = [
    '*Weekly security-awareness tips*',
    '`/awareness tip`: a random tip, just for you.',
    'Admins: `/awareness status` (next post, queue, last posts) · `preview` (the next tip) · `send-now` · `skip` (the next slot) · `pause` · `resume` · `queue <tip-id>` · `promote INC-n` (turn its lessons into a tip) · `stats` (acknowledgements, last 12 weeks).',
  ].join('\n');
  return { text, blocks: [section(text)] };
}

/** `/awareness status`. */
export function statusMessage(s: Status) {
  const where = s.channels.length > 0 ? s.channels.map((c) => `<#${c}>`).join(', ') : '_no channel: set AWARENESS_CHANNELS_';
  const lines = [
    `*Awareness programme* ${s.paused ? ':double_vertical_bar: *paused*' : ':arrow_forward: running'}`,
    `Schedule \`${s.schedule.cron}\` (${s.schedule.timezone}) to ${where}; next slot ${slackDate(s.next)}.`,
    `Queue: ${s.queue.length > 0 ? s.queue.map((id) => `\`${id}\``).join(', ') : '_empty_ (rotation picks the next tip)'}.`,
  ];
  const recent = s.recent.map((r) => `• ${slackDate(r.slotAt)}${r.schedule === s.schedule.name ? '' : ' (sent now)'} · ${r.state}${r.tipId ? ` · \`${r.tipId}\`` : ''}${r.reason && r.state !== 'posted' ? ` · ${escapeText(r.reason)}` : ''} · ${r.posts.length} channel(s)`);
  return { text: lines[0]!, blocks: [section(lines.join('\n')), section(recent.length > 0 ? `*Last slots*\n${recent.join('\n')}` : '_No slots yet._')] };
}

/** `/awareness preview` and `/awareness tip`: the tip as it would be posted, without buttons. */
export function tipPreview(tip: Tip, lead: string) {
  const message = awarenessMessage(tip, 'preview');
  return { text: `${lead}: ${tip.title}`, blocks: [context(lead), ...message.blocks.slice(0, 3)] };
}

/** `/awareness stats`: acknowledgement rate per week and channel. */
export function statsMessage(stats: Stats, weeks: number) {
  if (stats.rows.length === 0) return { text: 'No awareness posts in the last 12 weeks.', blocks: [section(`No awareness posts in the last ${weeks} weeks.`)] };
  const pct = (r: number | null) => (r === null ? 'n/a' : `${Math.round(r * 100)}%`);
  const rows = stats.rows.map((r) => `• ${r.week} <#${r.channelId}> \`${r.tipId}\`: ${r.acks}${r.audience !== null ? `/${r.audience}` : ''} (${pct(r.rate)})`);
  const totals = stats.byChannel.map((c) => `• <#${c.channelId}>: ${c.acks} acknowledgements, ${pct(c.rate)} of members`);
  return {
    text: `Awareness acknowledgements, last ${weeks} weeks`,
    blocks: [section(`*Acknowledgements, last ${weeks} weeks*\n${totals.join('\n')}`), section(`*By week*\n${rows.join('\n')}`)],
  };
}
