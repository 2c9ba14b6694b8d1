// Answers to `/awareness`: status, preview, stats and help. All ephemeral, for the admin who asked.
import type { Awareness, Tip } from '../../core/index.js';
import { section, context, channelMention, joinMd, md, slackDate, type Mrkdwn } from './text.js';
import { awarenessMessage } from './awareness.js';
import { plural } from '../../core/index.js';
import { message } from './message.js';

type Status = Awaited<ReturnType<Awareness['status']>>;
type Stats = Awaited<ReturnType<Awareness['stats']>>;

/** `/awareness help`. */
export function awarenessHelp() {
  const text = joinMd(
    [
      md`*Weekly security-awareness tips*`,
      md`\`/awareness tip\`: a random tip, just for you.`,
      md`Admins: \`/awareness status\` (next post, queue, last posts) · \`preview\` (the next tip) · \`send-now\` · \`skip\` (the next slot) · \`pause\` · \`resume\` · \`queue <tip-id>\` · \`promote INC-n\` (turn its lessons into a tip) · \`stats\` (acknowledgements, last 12 weeks).`,
    ],
    '\n',
  );
  return message(text, [section(text)]);
}

const channels = (ids: readonly string[]): Mrkdwn => joinMd(ids.map(channelMention), ', ');
const code = (s: string): Mrkdwn => md`\`${s}\``;

/** `/awareness status`. */
export function statusMessage(s: Status) {
  const where = s.channels.length > 0 ? channels(s.channels) : md`_no channel: set AWARENESS_CHANNELS_`;
  const lines = [
    md`*Awareness programme* ${s.paused ? md`:double_vertical_bar: *paused*` : md`:arrow_forward: running`}`,
    md`Schedule ${code(s.schedule.cron)} (${s.schedule.timezone}) to ${where}; next slot ${slackDate(s.next)}.`,
    md`Queue: ${s.queue.length > 0 ? joinMd(s.queue.map(code), ', ') : md`_empty_ (rotation picks the next tip)`}.`,
  ];
  const recent = s.recent.map(
    (r) =>
      md`• ${slackDate(r.slotAt)}${r.schedule === s.schedule.name ? '' : ' (sent now)'} · ${r.state}${r.tipId ? md` · ${code(r.tipId)}` : ''}${r.reason && r.state !== 'posted' ? ` · ${r.reason}` : ''} · ${r.posts.length} channel(s)`,
  );
  return message(lines[0]!, [section(joinMd(lines, '\n')), section(recent.length > 0 ? md`*Last slots*\n${joinMd(recent, '\n')}` : md`_No slots yet._`)]);
}

/** `/awareness preview` and `/awareness tip`: the tip as it would be posted, without buttons. */
export function tipPreview(tip: Tip, lead: string) {
  const posted = awarenessMessage(tip, 'preview');
  return message(md`${lead}: ${tip.title}`, [context(md`${lead}`), ...(posted.blocks ?? []).slice(0, 3)]);
}

/** `/awareness stats`: acknowledgement rate per week and channel. */
export function statsMessage(stats: Stats, weeks: number) {
  if (stats.rows.length === 0) return message(md`No awareness posts in the last ${weeks} weeks.`, [section(md`No awareness posts in the last ${weeks} weeks.`)]);
  const pct = (r: number | null) => (r === null ? 'n/a' : `${Math.round(r * 100)}%`);
  const rows = stats.rows.map((r) => md`• ${r.week} ${channelMention(r.channelId)} ${code(r.tipId)}: ${r.acks}${r.audience !== null ? `/${r.audience}` : ''} (${pct(r.rate)})`);
  const totals = stats.byChannel.map((c) => md`• ${channelMention(c.channelId)}: ${plural(c.acks, 'acknowledgement')}, ${pct(c.rate)} of members`);
  return message(md`Awareness acknowledgements, last ${weeks} weeks`, [
    section(md`*Acknowledgements, last ${weeks} weeks*\n${joinMd(totals, '\n')}`),
    section(md`*By week*\n${joinMd(rows, '\n')}`),
  ]);
}
