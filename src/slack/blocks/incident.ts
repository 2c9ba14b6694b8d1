// Messages about incidents: the announcement, the channel's opening message, `show` and `list`.
import type { Incident, VisibleIncident } from '../../core/index.js';
import { incidentTlp, mayReceive, SHARED_CHANNEL_AUDIENCE, tlpLabel, tlpStatement } from '../../core/index.js';
import { drillPrefix } from './drill.js';
import { message } from './message.js';
import { channelLink, context, joinMd, md, packLines, section, sevLabel, slackDate, who, type Mrkdwn } from './text.js';

/**
 * The announcement for the incidents channel, updated in place after every change. A private incident shows only its
 * reference, severity and status: its title, description and people stay in its own channel.
 */
export function announcement(incident: Incident) {
  // A drill says so first, in the text fallback too (notifications show only that).
  const lead = md`${drillPrefix(incident)}:rotating_light: *${incident.ref}* declared · *${sevLabel(incident.severity)}*`;
  if (incident.private || !sharedAudienceMay(incident)) {
    const text = md`${lead} · ${incident.private ? 'private' : tlpLabel(incidentTlp(incident))} · status: ${incident.status}`;
    return message(text, [section(text), context(md`Details are shared only in the incident’s ${incident.private ? 'private ' : ''}channel.`)]);
  }
  return message(md`${lead} · ${incident.title} · status: ${incident.status}`, [
    section(md`${lead}\n*${incident.title}*`),
    context(md`Status: ${incident.status} · type: ${incident.type} · reported by ${who(incident.reporterId)} · commander: ${who(incident.commanderId)} · channel: ${channelLink(incident)}`),
  ]);
}

/** Whether the shared announcement channel (TLP:AMBER) may receive a public incident's details, given its marking. */
function sharedAudienceMay(incident: Incident): boolean {
  return mayReceive(incidentTlp(incident), SHARED_CHANNEL_AUDIENCE);
}

/** What a declaration was understood as, every option spelt out, so a wrong one is seen and can be edited. */
export function understood(incident: Incident): Mrkdwn {
  return md`Title: ${incident.title} · ${sevLabel(incident.severity)} · type ${incident.type} · ${incident.private ? 'private' : 'public'} · ${incident.drill ? 'a drill' : 'a real incident (not a drill)'}. Wrong? \`/incident edit ${incident.ref} …\` corrects it.`;
}

/**
 * An escalation to sev1 or sev2, posted in the announcement's thread. Like the announcement, a private incident shows
 * only its reference, severities and status.
 */
export function escalation(incident: Incident, p: { by: string; from: string; to: string }) {
  const lead = md`${drillPrefix(incident)}:rotating_light: *${incident.ref}* escalated · ${sevLabel(p.from)} → *${sevLabel(p.to)}* (by ${who(p.by)})`;
  if (incident.private || !sharedAudienceMay(incident)) {
    const text = md`${lead} · ${incident.private ? 'private' : tlpLabel(incidentTlp(incident))} · status: ${incident.status}`;
    return message(text, [section(text), context(md`Details are shared only in the incident’s ${incident.private ? 'private ' : ''}channel.`)]);
  }
  return message(md`${lead} · ${incident.title}`, [
    section(md`${lead}\n*${incident.title}*`),
    context(md`Type: ${incident.type} · commander: ${who(incident.commanderId)} · channel: ${channelLink(incident)}`),
  ]);
}

/** `/incident show`: everything about one incident, or its reference only when redacted. */
export function incidentDetails(v: VisibleIncident) {
  const i = v.incident;
  if (v.redacted) {
    const text = md`${drillPrefix(i)}*${i.ref}* · ${sevLabel(i.severity)} · ${i.status} · private. Only responders and the people working on it can see more.`;
    return message(text, [section(text)]);
  }
  const times = [
    md`declared ${slackDate(i.declaredAt)}`,
    i.acknowledgedAt && md`acknowledged ${slackDate(i.acknowledgedAt)}`,
    i.containedAt && md`contained ${slackDate(i.containedAt)}`,
    i.resolvedAt && md`resolved ${slackDate(i.resolvedAt)}`,
    i.closedAt && md`closed ${slackDate(i.closedAt)}`,
  ].filter((t): t is Mrkdwn => Boolean(t));
  return message(md`${drillPrefix(i)}${i.ref}: ${i.title}`, [
      section(md`${drillPrefix(i)}*${i.ref}: ${i.title}*\n${i.description || md`_no description_`}`),
      section(
        md`*Status:* ${i.status}   *Severity:* ${sevLabel(i.severity)}   *Type:* ${i.type}   *Visibility:* ${i.private ? 'private' : 'public'}\n*Commander:* ${who(i.commanderId)}   *Comms:* ${who(i.commsId)}   *Scribe:* ${who(i.scribeId)}   *Reporter:* ${who(i.reporterId)}\n*Channel:* ${channelLink(i)}${mergedLine(v)}`,
      ),
      context(joinMd(times, ' · ')),
      context(tlpLine(i)),
  ]);
}

/** A line naming what the incident was merged into ("Merged into: INC-5: title", the title only if the viewer may see it). */
function mergedLine(v: VisibleIncident): Mrkdwn | '' {
  const into = v.mergedInto;
  if (!into) return '';
  return into.title === undefined ? md`\n*Merged into:* ${into.ref}` : md`\n*Merged into:* ${into.ref}: ${into.title}`;
}

/** `/incident list`: one line per incident, private ones reduced to their reference for outsiders. */
export function incidentList(items: VisibleIncident[], scope: 'open' | 'all') {
  if (items.length === 0) {
    const text = scope === 'open' ? md`No open incidents. :white_check_mark:` : md`No incidents yet.`;
    return message(text, [section(text)]);
  }
  const line = ({ incident: i, redacted }: VisibleIncident) =>
    redacted
      ? md`• *${i.ref}* · ${sevLabel(i.severity)} · ${i.status} · _private_`
      : md`• *${i.ref}* · ${sevLabel(i.severity)} · ${i.status} · ${i.title}${i.private ? ' · _private_' : ''}`;
  // Drills are listed apart, after the real incidents, so nobody reads an exercise as the real thing.
  const real = items.filter((v) => !v.incident.drill).map(line);
  const drills = items.filter((v) => v.incident.drill).map(line);
  const drillHeading = md`:construction: *Drills* (${drills.length})`;
  const lines = [...real, ...(drills.length > 0 ? [...(real.length > 0 ? [md``] : []), drillHeading, ...drills] : [])];
  // Sections are filled up to Slack's 3,000-character limit; 45 of them at most, then a pointer to the CLI.
  const { sections: chunks, shown } = packLines(lines);
  const title = `${scope === 'open' ? 'Open incidents' : 'All incidents'} (${real.length})${drills.length > 0 ? ` · drills (${drills.length})` : ''}`;
  return message(md`${title}`, [
    section(md`*${title}*`),
    ...(real.length === 0 ? [section(scope === 'open' ? md`_No open incidents, only drills._` : md`_No incidents, only drills._`)] : []),
    ...chunks.map(section),
    ...(items.some((v) => v.unsure)
      ? [context(md`:warning: Slack did not say which incident channels you are in, so private incidents you may be entitled to see are shown as _private_. Try again in a minute.`)]
      : []),
    ...(shown < lines.length ? [context(md`Showing the newest ${lines.slice(0, shown).filter((l) => l.text.startsWith('• ')).length}; use \`rampart incidents\` for all.`)] : []),
  ]);
}

/** The incident's marking in FIRST's words, as the card and `/incident show` give it. */
export function tlpLine(i: Incident): Mrkdwn {
  return md`:traffic_light: *${tlpStatement(incidentTlp(i))}*${i.tlp ? '' : ' (the default for its visibility)'} Change it with \`/incident tlp ${i.ref} <marking>\`.`;
}
