// Notification clocks in Slack: the `/incident clocks` list, the reminder and overdue notice by direct message, and the
// one-line card summary. Pure builders; every person's text passes the mrkdwn escaping of md``.
import type { ClockSummary, ListedClock, ListedDeadline, NotificationPayloads } from '../../core/index.js';
import { drillPrefix } from './drill.js';
import { message, type SlackMessage } from './message.js';
import { context, md, packLines, section, slackDate, joinMd, type Mrkdwn } from './text.js';

/** "in 3 h 20 min" / "2 h ago", against core's clock. */
export function relative(at: Date, now: Date): string {
  const ms = at.getTime() - now.getTime();
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const words = minutes >= 48 * 60 ? `${Math.round(minutes / 1440)} days` : minutes >= 60 ? `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}` : `${minutes} min`;
  return ms >= 0 ? `in ${words}` : `${words} ago`;
}

/** One deadline as a line: overdue ones loud, met and late ones with to whom and the reference. */
export function deadlineLine(d: ListedDeadline, now: Date): Mrkdwn {
  const due = md`${slackDate(d.dueAt)}`;
  switch (d.status) {
    case 'overdue':
      return md`:rotating_light: *OVERDUE* · ${d.label} · was due ${due} (${relative(d.dueAt, now)})`;
    case 'open':
      return md`:hourglass_flowing_sand: ${d.label} · due ${due} (${relative(d.dueAt, now)})`;
    case 'stopped':
      return md`:heavy_minus_sign: ~${d.label}~ · clock stopped`;
    default:
      return md`${d.status === 'met' ? ':white_check_mark:' : ':warning: *late*'} ${d.label} · notified ${slackDate(d.notifiedAt!)} to ${d.notifiedTo ?? ''}${d.reference ? md` (ref ${d.reference})` : md``}`;
  }
}

/** A clock as its lines: heading (regime, awareness, why) and each deadline. */
function clockLines(c: ListedClock, now: Date, withRef: boolean): Mrkdwn[] {
  if (c.redacted) return [md`*${c.ref}* · :lock: a notification clock of a private incident`];
  const ref = withRef ? md`*${c.ref}* · ` : md``;
  const state = c.state === 'stopped' ? md` · stopped${c.stopReason ? md`: ${c.stopReason}` : md``}` : md``;
  const why = c.why ? md` · for ${c.why}` : md``;
  const back = c.backdateReason ? md` (back-dated: ${c.backdateReason})` : md``;
  const head = md`${ref}*${c.regimeName}* · aware since ${slackDate(c.awareAt)}${back}${why}${state}`;
  return [joinMd([head, ...c.deadlines.map((d) => md`    ${deadlineLine(d, now)}`)], '\n')];
}

/** The `/incident clocks` reply: one incident's clocks, or every running one the reader may see, most urgent first. */
export function clockListMessage(list: { incident?: { ref: string }; clocks: ListedClock[] }, now: Date): SlackMessage {
  const title = list.incident ? md`Notification clocks of *${list.incident.ref}*` : md`Running notification clocks`;
  if (list.clocks.length === 0) {
    const none = md`${title}: none. Start one with \`/incident clocks ${list.incident?.ref ?? 'INC-12'} start gdpr\` (or nis2).`;
    return message(none, [section(none)]);
  }
  const overdue = list.clocks.reduce((n, c) => n + (c.redacted ? 0 : c.deadlines.filter((d) => d.status === 'overdue').length), 0);
  const lead = md`${title}: ${String(list.clocks.length)}${overdue > 0 ? md` · :rotating_light: *${String(overdue)} overdue*` : md``}`;
  const { sections, shown } = packLines(list.clocks.flatMap((c) => clockLines(c, now, !list.incident)), 40);
  return message(lead, [
    section(lead),
    ...sections.map(section),
    ...(shown < list.clocks.length ? [context(md`…and more: name an incident to see its own.`)] : []),
    context(md`Record a notice: \`/incident clocks ${list.incident?.ref ?? 'INC-12'} notified <regime> to <whom>\` · stop: \`/incident clocks ${list.incident?.ref ?? 'INC-12'} stop <regime> [reason]\``),
  ]);
}

/** The reminder before a deadline, or its overdue notice, by direct message (or in the channel without anyone to DM). */
export function clockReminderMessage(p: NotificationPayloads['clock_reminder'], now: Date): SlackMessage {
  const due = new Date(p.dueAt);
  const to = p.userId ? md`` : md` This incident has no commander, so the reminder is here.`;
  const text = p.overdue
    ? md`${drillPrefix(p)}:rotating_light: *OVERDUE: ${p.ref}* · ${p.regimeName}: ${p.label} was due ${slackDate(due)} and no notice is recorded.${to}`
    : md`${drillPrefix(p)}:alarm_clock: *${p.ref}* · ${p.regimeName}: ${p.label} is due ${slackDate(due)} (${relative(due, now)}).${to}`;
  const how = md`Once it is done: \`/incident clocks ${p.ref} notified ${p.regime} ${p.deadline} to <whom>\`. If the clock does not apply after all: \`/incident clocks ${p.ref} stop ${p.regime} <reason>\`.`;
  return message(text, [section(text), context(how)]);
}

/** The card's line: the next deadline, overdue ones loudly; nothing without running clocks. */
export function clockCardLine(summary: ClockSummary | undefined): Mrkdwn | undefined {
  const next = summary?.next;
  if (!next) return undefined;
  if (summary.overdue > 0) {
    return md`:rotating_light: *NOTIFICATION OVERDUE* · ${next.regimeName}: ${next.label} was due ${slackDate(next.dueAt)}${summary.overdue > 1 ? md` (+${String(summary.overdue - 1)} more)` : md``}`;
  }
  return md`:hourglass_flowing_sand: *Notification deadline:* ${next.regimeName}: ${next.label} due ${slackDate(next.dueAt)}`;
}
