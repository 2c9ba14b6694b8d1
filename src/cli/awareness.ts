// `rampart awareness status|preview|send-now|stats`: the admin's view of the weekly programme from a terminal. Only
// send-now talks to Slack (it needs SLACK_BOT_TOKEN); the others read the database.
import type { Config } from '../config.js';
import type { Core } from '../core/index.js';
import { AppError } from '../shared/errors.js';
import { OPERATOR, withCore } from './commands.js';
import { READ_ONLY_POSTERS, sendNowPosters, type Posters } from './posters.js';

type Out = (line: string) => void;

function withAwareness<T>(config: Config, posters: Posters, fn: (a: Core['awareness']) => Promise<T>): Promise<T> {
  return withCore(config, (core) => fn(core.awareness), { posters });
}

/** `rampart awareness status`. */
export function awarenessStatusCommand(config: Config, out: Out): Promise<void> {
  return withAwareness(config, READ_ONLY_POSTERS, async (a) => {
    const s = await a.status(OPERATOR);
    out(`Schedule: ${s.schedule.cron} (${s.schedule.timezone}), grace ${Math.round(s.schedule.graceMs / 3_600_000)} h, ${s.paused ? 'PAUSED' : 'running'}`);
    out(`Channels: ${s.channels.length > 0 ? s.channels.join(', ') : 'none (set AWARENESS_CHANNELS)'}`);
    out(`Next slot: ${s.next.toISOString()}`);
    out(`Queue: ${s.queue.length > 0 ? s.queue.join(', ') : 'empty'}`);
    for (const r of s.recent) out(`  ${r.slotAt.toISOString()}  ${r.schedule.padEnd(8)} ${r.state.padEnd(8)} ${r.tipId ?? '-'}  ${r.posts.length} channel(s)${r.reason && r.state !== 'posted' ? `  (${r.reason})` : ''}`);
  });
}

/** `rampart awareness preview`. */
export function awarenessPreviewCommand(config: Config, out: Out): Promise<void> {
  return withAwareness(config, READ_ONLY_POSTERS, async (a) => {
    const next = await a.preview(OPERATOR);
    if (!next) return out('No tips are loaded.');
    out(`${next.tip.id} (${next.reason})`);
    out(`${next.tip.title}\n${next.tip.body}\nDo: ${next.tip.do}\nDon't: ${next.tip.dont}`);
  });
}

/** `rampart awareness send-now`. */
export async function awarenessSendNowCommand(config: Config, out: Out): Promise<void> {
  return withAwareness(config, await sendNowPosters(config, 'AWARENESS_CHANNELS'), async (a) => {
    const outcome = await a.sendNow(OPERATOR);
    if (outcome.kind !== 'posted') throw new AppError('invalid_input', `Nothing was posted (${outcome.kind}${outcome.kind === 'failed' ? `: ${outcome.error}` : ''}).`);
    out(`Posted ${outcome.tipId} to ${outcome.channels.join(', ')}.`);
  });
}

/** `rampart awareness stats [--weeks N]`. */
export function awarenessStatsCommand(config: Config, weeks: number, out: Out): Promise<void> {
  return withAwareness(config, READ_ONLY_POSTERS, async (a) => {
    const stats = await a.stats(OPERATOR, weeks);
    if (stats.rows.length === 0) return out(`No awareness posts in the last ${weeks} weeks.`);
    const pct = (r: number | null) => (r === null ? 'n/a' : `${Math.round(r * 100)}%`);
    out('week      channel       tip                                   acks  audience  rate');
    for (const r of stats.rows) out(`${r.week}  ${r.channelId.padEnd(12)}  ${r.tipId.padEnd(36)}  ${String(r.acks).padStart(4)}  ${String(r.audience ?? '-').padStart(8)}  ${pct(r.rate).padStart(4)}`);
    for (const c of stats.byChannel) out(`total     ${c.channelId.padEnd(12)}  ${''.padEnd(36)}  ${String(c.acks).padStart(4)}  ${String(c.audience).padStart(8)}  ${pct(c.rate).padStart(4)}`);
  });
}
